import { describe, expect, it } from 'vitest';
import { clock } from '../../src/clock.ts';
import { runInScope } from '../../src/job-scope.ts';
import { tokenSource } from '../../src/wechat/tokens.ts';
import { RecordingHost } from '../support/recording-host.ts';

const component = { kind: 'component', component_appid: 'a', component_appsecret: 'b', component_verify_ticket: 'c' } as const;
const inScope = <T>(fn: () => Promise<T>) => runInScope({ host: new RecordingHost(), env: {}, timeScale: 0 }, fn);

describe('tokenSource', () => {
  it('renews a component token before its expires_in runs out', () =>
    inScope(async () => {
      let issued = 0;
      const tokens = tokenSource(component, () => Promise.resolve({ token: `t${++issued}`, expiresInMs: 7_200_000 }));
      expect(await tokens.current()).toBe('t1');
      await clock.sleep(6_000_000);
      expect(await tokens.current()).toBe('t1');
      await clock.sleep(700_000);
      expect(await tokens.current()).toBe('t2');
    }));

  it('renews once for calls that met the same refused token together', () =>
    inScope(async () => {
      let issued = 0;
      const tokens = tokenSource(component, () => Promise.resolve({ token: `t${++issued}`, expiresInMs: 7_200_000 }));
      const first = await tokens.current();
      const renewed = await Promise.all([tokens.renew(first), tokens.renew(first)]);
      expect(renewed).toEqual(['t2', 't2']);
      expect(issued).toBe(2);
    }));

  it('cannot renew a token given as access_token', async () => {
    const tokens = tokenSource({ kind: 'token', access_token: 'given' }, () => Promise.reject(new Error('never fetched')));
    expect(await tokens.current()).toBe('given');
    expect(await tokens.renew('given')).toBeUndefined();
  });
});
