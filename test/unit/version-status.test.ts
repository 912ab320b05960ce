import { expect, it } from 'vitest';
import { classifyStatus, statusWord } from '../../src/wechat/version-status.ts';

it.each([
  ['normal', 'ready'],
  ['Running', 'ready'],
  ['build_fail', 'failed'],
  ['deploy_failed', 'failed'],
  ['FAIL', 'failed'],
  ['building', 'in-progress'],
  ['deploying', 'in-progress'],
  ['', 'in-progress'],
  // Not known: neither ready nor failed, so never given traffic and never deleted.
  ['something_new', 'unknown'],
  ['paused', 'unknown'],
  ['已停止', 'unknown'],
  ['normal; rm -rf /', 'unknown'],
  ['fail\n::error::x', 'unknown'],
])('status %j is %s', (status, state) => expect(classifyStatus(status)).toBe(state));

it.each([
  ['normal', 'normal'],
  ['deploy_fail', 'deploy_fail'],
  ['已停止', 'unknown'],
  ['$(id)', 'unknown'],
])('status %j goes to an output as %j', (status, word) => expect(statusWord(status)).toBe(word));
