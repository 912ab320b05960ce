import { expect, it } from 'vitest';
import { classifyStatus } from '../../src/wechat/version-status.ts';

it.each([
  ['normal', 'ready'],
  ['Running', 'ready'],
  ['build_fail', 'failed'],
  ['deploy_failed', 'failed'],
  ['FAIL', 'failed'],
  ['building', 'in-progress'],
  ['deploying', 'in-progress'],
  ['', 'in-progress'],
  ['something_new', 'in-progress'],
])('status %j is %s', (status, state) => expect(classifyStatus(status)).toBe(state));
