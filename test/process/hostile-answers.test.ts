import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMULATOR_AI_USER } from '../../emulator/ai.ts';
import { startForwardProxy } from '../../emulator/proxy.ts';
import { startEmulator, type Emulator } from '../../emulator/server.ts';
import { EMULATOR_COMPONENT } from '../../emulator/wechat.ts';
import { everythingShown, runJobInProcess } from '../../harness/run-action.ts';
import { wechatInputs } from '../support/fixtures.ts';

// Answers that are not what the platform documents, slow links and quotas (issue 14, part A):
// secrets in answers, writes that were not confirmed, deadlines, where credentials travel, rate
// limits and hints.

const TOKEN = 'tok_ANSWERS_secret_value_4b7e91';
const ENV = 'env-answers';
const TASK = '/ai/openapi/v2/instance-service/task';
const TOKEN_API = '/cgi-bin/component/api_component_token';
const LIST = '/componenttcb/getcsversionlist';
const DELETE = '/componenttcb/deletecloudbaserunserverversion';
const ROLLOUT = '/componenttcb/rollupdatecloudbaserunserverversion';
const DAY = 86_400_000;

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator();
  emu.wechat.tokens.add(TOKEN);
  emu.wechat.addService(ENV, 'svc', [
    { version_name: 'svc-001', created_time: new Date(Date.now() - 3 * DAY), flow_ratio: 0 },
    { version_name: 'svc-002', created_time: new Date(Date.now() - 2 * DAY), flow_ratio: 100 },
  ]);
});
afterEach(() => emu.close());

const calls = (path: string, method?: string) => emu.requests.filter((r) => r.path === path && (!method || r.method === method)).length;
const versions = () => emu.wechat.service(ENV, 'svc')?.versions.map((v) => v.version_name);
const wechat = (extra: Record<string, string>, env: Record<string, string> = {}) =>
  runJobInProcess({ ...wechatInputs(emu, TOKEN, ENV, 'svc'), ...extra }, env);
const prune = (extra: Record<string, string> = {}, env: Record<string, string> = {}) =>
  wechat({ operation: 'delete-versions', versions: 'svc-001', ...extra }, env);
const deploy = (extra: Record<string, string> = {}) =>
  wechat({ operation: 'deploy', image: 'ccr.ccs.tencentyun.com/ns/svc:v2', wait: 'false', ...extra });
const component = { access_token: '', ...EMULATOR_COMPONENT };
const clean = (extra: Record<string, string>) =>
  runJobInProcess({ operation: 'clean-containers', ai_api_url: emu.url, ai_token: emu.ai.issueToken(), ...extra });

describe('secrets in answers', () => {
  it('reads a token answer that starts with a UTF-8 byte order mark', async () => {
    const fresh = 'emu_component_token_BOM_0123456789abcdef';
    emu.wechat.tokens.add(fresh);
    emu.faults.inject({ match: TOKEN_API, reply: { status: 200, raw: `\uFEFF{"component_access_token":"${fresh}","expires_in":7200}` } });
    const run = await prune(component);
    expect(run.code, run.stdout).toBe(0);
    expect(versions()).toEqual(['svc-002']);
    expect(everythingShown(run)).not.toContain(fresh.slice(0, 24));
  });

  it.each([
    ['an extra wrapper', (t: string) => `{"errcode":"ok","data":{"component_access_token":"${t}","expires_in":7200}}`],
    ['an access_token= echo', (t: string) => `<html>upstream said access_token=${t}&expires_in=7200</html>`],
    ['a JWT', () => `<html>session eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyIjoiY2ktYm90In0.c2lnbmF0dXJlX29mX3RoZV9qd3Q</html>`],
  ])('shows no part of a token in an unreadable answer with %s', async (_, body) => {
    const secret = 'emu_component_token_SHAPE_fedcba9876543210';
    emu.faults.inject({ match: TOKEN_API, times: 4, reply: { status: 200, raw: body(secret) } });
    const run = await prune(component);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('api_component_token answered with something that is not');
    expect(everythingShown(run)).not.toContain(secret.slice(0, 16));
    expect(everythingShown(run)).not.toContain('c2lnbmF0dXJl');
  });

  it('redacts a secret before it cuts an error body, so no part of it survives the cut', async () => {
    // The token starts 190 characters in: cut at 200 first, its first 10 characters would be shown.
    emu.faults.inject({ match: LIST, reply: { status: 400, raw: `${'x'.repeat(190)}${TOKEN}` } });
    const run = await prune();
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('HTTP 400');
    expect(everythingShown(run)).not.toContain(TOKEN.slice(0, 10));
  });
});

describe('only an answer that confirms a write counts', () => {
  it.each([null, '0', 'ok', false])('a delete answered with errcode %j is reported as outcome unknown', async (errcode) => {
    emu.faults.inject({ match: DELETE, times: 4, reply: { status: 200, json: { errcode, errmsg: 'ok' } } });
    const run = await prune();
    expect(run.code).toBe(1);
    expect(versions()).toEqual(['svc-001', 'svc-002']);
    expect(run.outputs).toMatchObject({ deleted_count: '0', absent_count: '0', failed_count: '1' });
    const [failed] = JSON.parse(run.outputs.failed_versions) as { errcode: unknown; errmsg: string }[];
    expect(failed.errcode).toBeNull();
    expect(failed.errmsg).toMatch(/^outcome unknown: /);
  });

  it('a container delete answered with the number 0 instead of the string "0" is reported as outcome unknown', async () => {
    const [c] = emu.ai.addContainers(1);
    // Every attempt: an unreadable answer is retried, and a retry that is confirmed would delete it.
    emu.faults.inject({ match: TASK, method: 'DELETE', times: 4, reply: { status: 200, json: { code: 0, msg: 'success', data: null } } });
    const run = await clean({ container_ids: c.id });
    expect(run.code).toBe(1);
    expect(emu.ai.containers.has(c.id)).toBe(true);
    expect(run.outputs).toMatchObject({ deleted_count: '0', failed_count: '1' });
    expect(JSON.parse(run.outputs.failed_containers)).toMatchObject([{ id: c.id, msg: expect.stringMatching(/^outcome unknown: /) }]);
  });

  it('a container that answered 5xx, then "does not exist" on the retry, is already absent, not deleted', async () => {
    const [gone, other] = emu.ai.addContainers(2).map((c) => c.id);
    emu.faults.inject({ match: TASK, method: 'DELETE', afterHandling: true, reply: { status: 503, raw: 'Service Unavailable' } });
    const run = await clean({ container_ids: gone, batch_size: '1', concurrency: '1' });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ deleted_containers: '[]', deleted_count: '0', absent_count: '1', failed_count: '0' });
    expect(JSON.parse(run.outputs.absent_containers)).toEqual([gone]);
    expect(run.summary).toContain(`**Already absent**`);
    expect(run.summary).toContain(`\`${gone}\``);
    expect(emu.ai.containers.has(other)).toBe(true);
  });

  it('a container whose delete lost its connection, then "does not exist", is already absent', async () => {
    const [gone] = emu.ai.addContainers(1).map((c) => c.id);
    emu.faults.inject({ match: TASK, method: 'DELETE', afterHandling: true, drop: true });
    const run = await clean({ container_ids: gone });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ deleted_count: '0', absent_count: '1', absent_containers: JSON.stringify([gone]) });
  });
});

describe('deadlines', () => {
  it('ends an answer that trickles in at request_timeout, not after its last byte', async () => {
    emu.faults.inject({ match: LIST, bytesPerSecond: 20 }); // the list answer takes over 10 s at this rate
    const started = Date.now();
    const run = await prune({ request_timeout: '1s', retry_budget: '0s' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('getcsversionlist: timed out: no complete answer within 1.0s');
    expect(Date.now() - started).toBeLessThan(6_000);
    expect(versions()).toEqual(['svc-001', 'svc-002']);
  });

  it('cuts the last attempt to what is left of retry_budget', async () => {
    emu.faults.inject({ match: LIST, reply: { status: 502, raw: 'Bad Gateway' } }, { match: LIST, stallAfterBytes: 5 });
    const started = Date.now();
    const run = await prune({ request_timeout: '30s', retry_budget: '3s' });
    expect(run.code).toBe(1);
    expect(calls(LIST)).toBe(2);
    expect(run.stdout).toContain('timed out');
    // The retry had at most 3 s less its backoff, not the 30 s of request_timeout.
    expect(Date.now() - started).toBeLessThan(8_000);
  });
});

describe('where credentials travel', () => {
  it('never sends a loopback API URL through a proxy, even without NO_PROXY', async () => {
    const proxy = await startForwardProxy();
    try {
      const run = await prune(
        { wechat_api_url: emu.url.replace('127.0.0.1', 'localhost') },
        { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url },
      );
      expect(run.code, run.stdout).toBe(0);
      expect(proxy.log).toEqual([]);
      expect(calls(DELETE)).toBe(1);
    } finally {
      await proxy.close();
    }
  });
});

describe('rate limits', () => {
  it('retries a rolling update refused with 45011 after the minute quota window', async () => {
    emu.faults.inject({ match: ROLLOUT, reply: { status: 200, json: { errcode: 45011, errmsg: 'api minute-quota reach limit' } } });
    const run = await deploy();
    expect(run.code, run.stdout).toBe(0);
    expect(calls(ROLLOUT)).toBe(2);
    expect(run.stdout).toContain('errcode 45011 (minute quota reached)');
    expect(run.stdout).toContain('retrying in 60.0s');
    expect(emu.wechat.runs.size).toBe(1);
  });

  it('retries a read refused with 45011, and gives up when the window does not fit in retry_budget', async () => {
    emu.faults.inject({ match: LIST, times: 2, reply: { status: 200, json: { errcode: 45011, errmsg: 'api minute-quota reach limit' } } });
    const run = await prune({ retry_budget: '30s' });
    expect(run.code).toBe(1);
    expect(calls(LIST)).toBe(1);
    expect(run.stdout).toContain('retry_budget');
    const retried = await prune();
    expect(retried.code, retried.stdout).toBe(0);
    expect(calls(LIST)).toBe(3);
  });

  it('honours Retry-After on an HTTP 429 from WeChat', async () => {
    emu.faults.inject({ match: LIST, reply: { status: 429, raw: 'slow down', headers: { 'retry-after': '9' } } });
    const run = await prune();
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('retrying in 9.0s');
  });

  it('fails at once on 45009 (daily quota) with its hint', async () => {
    emu.faults.inject({
      match: TOKEN_API,
      times: 4,
      reply: { status: 200, json: { errcode: 45009, errmsg: 'reach max api daily quota limit' } },
    });
    const run = await prune(component);
    expect(run.code).toBe(1);
    expect(calls(TOKEN_API)).toBe(1);
    expect(run.stdout).toContain('errcode 45009 (daily quota reached)');
    expect(run.stdout).toContain('pass access_token from a token cached centrally');
    expect(run.stdout).toContain('#wechat-45009');
  });
});

describe('errors that say what to do', () => {
  it.each([
    [61004, 'access clientip is not registered', 'IP whitelist'],
    [40164, 'invalid ip, not in whitelist', 'self-hosted runner or an egress proxy with a fixed IP'],
    [61005, 'component ticket is expired', 'lasts 12 hours'],
  ])('explains errcode %s from the token API', async (errcode, meaning, hint) => {
    emu.faults.inject({ match: TOKEN_API, reply: { status: 200, json: { errcode, errmsg: meaning } } });
    const run = await prune(component);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`errcode ${errcode} (${meaning})`);
    expect(run.stdout).toContain(hint);
    expect(run.stdout).toContain(`#wechat-${errcode}`);
  });

  it('answers a verify ticket that is not the current one with 61006 and the ticket hint', async () => {
    const run = await prune({ ...component, component_verify_ticket: 'ticket@@@yesterday' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('errcode 61006 (component ticket is invalid)');
    expect(run.stdout).toContain('every 10 minutes');
  });

  it('hints at the credentials, not container IDs, when the token API refuses the password', async () => {
    const [c] = emu.ai.addContainers(1);
    const run = await runJobInProcess({
      operation: 'clean-containers',
      ai_api_url: emu.url,
      ac_api_url: emu.url,
      ai_user: EMULATOR_AI_USER.ai_user,
      ai_password: 'wrong-password-3e1f',
      ai_org_id: EMULATOR_AI_USER.ai_org_id,
      container_ids: c.id,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('get tokens failed: code 10004');
    expect(run.stdout).toContain('check ai_user, ai_password and ai_org_id');
    expect(run.stdout).not.toContain('container IDs');
    expect(calls('/ac/openapi/v2/tokens')).toBe(1);
  });
});
