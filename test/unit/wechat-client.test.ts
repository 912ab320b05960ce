import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../emulator/server.ts';
import { DryRunWriteError } from '../../src/http/call-kind.ts';
import { WechatApiError, WechatClient } from '../../src/wechat/client.ts';
import { tokenSource } from '../../src/wechat/tokens.ts';

const given = (access_token: string) => tokenSource({ kind: 'token', access_token }, () => Promise.reject(new Error('not fetched')));

// The client against the emulator, with retries fast enough for a unit test.
let emu: Emulator;
let client: WechatClient;
beforeEach(async () => {
  emu = await startEmulator();
  emu.wechat.tokens.add('tok');
  emu.wechat.addService('env', 'svc', [{ version_name: 'svc-001' }, { version_name: 'svc-002' }]);
  client = new WechatClient(
    { baseUrl: emu.url, timeoutMs: 5_000, retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2, budgetMs: 10_000 } },
    given('tok'),
  );
});
afterEach(() => emu.close());

const remove = (version_name: string) =>
  client.call('deletecloudbaserunserverversion', { env_id: 'env', server_name: 'svc', version_name }, 'idempotent').then(
    () => undefined,
    (err: unknown) => err,
  );

describe('WechatApiError.earlierAttemptMayHaveLanded', () => {
  it('is false when the first attempt got the answer', async () => {
    const err = await remove('svc-404');
    expect(err).toBeInstanceOf(WechatApiError);
    expect((err as WechatApiError).earlierAttemptMayHaveLanded).toBe(false);
  });

  it.each([
    ['an HTTP 503 after the delete landed', { afterHandling: true, reply: { status: 503, json: {} } }],
    ['a dropped connection after the delete landed', { afterHandling: true, drop: true }],
    [
      'a busy answer from a delete that landed',
      { afterHandling: true, reply: { status: 200, json: { errcode: -1, errmsg: 'system busy' } } },
    ],
  ])('is true after %s', async (_, fault) => {
    emu.faults.inject({ match: 'deletecloudbaserunserverversion', ...fault });
    const err = (await remove('svc-001')) as WechatApiError;
    expect(err.errmsg).toContain('VersionNotFound');
    expect(err.earlierAttemptMayHaveLanded).toBe(true);
    expect(emu.requests.filter((r) => r.path.endsWith('deletecloudbaserunserverversion'))).toHaveLength(2);
  });
});

describe('a read-only client (dry run)', () => {
  it('reads, and refuses every write before it is sent', async () => {
    const readOnly = new WechatClient(
      { baseUrl: emu.url, timeoutMs: 5_000, retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 2, budgetMs: 1_000 }, readOnly: true },
      given('tok'),
    );
    const answer = await readOnly.call('getcsversionlist', { env: 'env', service_name: 'svc' }, 'read');
    expect(answer.total).toBe(2);
    for (const kind of ['idempotent', 'once'] as const) {
      const err = await readOnly
        .call('deletecloudbaserunserverversion', { env_id: 'env', server_name: 'svc', version_name: 'svc-001' }, kind)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DryRunWriteError);
      expect((err as Error).message).toContain(
        'internal error: componenttcb/deletecloudbaserunserverversion changes something, but this run is a dry run',
      );
    }
    expect(emu.requests.map((r) => r.path)).toEqual(['/componenttcb/getcsversionlist']);
    expect(emu.wechat.service('env', 'svc')!.versions).toHaveLength(2);
  });
});
