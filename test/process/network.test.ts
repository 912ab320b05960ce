import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../emulator/server.ts';
import { runAction } from '../../harness/run-action.ts';

const TOKEN = 'tok_network_test_91aa';
const ENV = 'env-net';
const LIST = '/componenttcb/getcsversionlist';
const ROLLOUT = '/componenttcb/rollupdatecloudbaserunserverversion';

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator();
  emu.wechat.tokens.add(TOKEN);
  emu.wechat.addService(ENV, 'svc', [{ flow_ratio: 100 }]);
});
afterEach(() => emu.close());

const deploy = (extra: Record<string, string> = {}) =>
  runAction({
    operation: 'deploy',
    wechat_api_url: emu.url,
    access_token: TOKEN,
    env_id: ENV,
    service_name: 'svc',
    image: 'ccr.ccs.tencentyun.com/ns/svc:v2',
    create_service: 'true',
    wait: 'false',
    request_timeout: '1s',
    ...extra,
  });
const calls = (path: string) => emu.requests.filter((r) => r.path === path).length;

describe('slow links', () => {
  it('fails a rollout whose answer stalls mid-body as a timeout of unknown outcome, without retrying it', async () => {
    emu.faults.inject({ match: 'rollupdate', stallAfterBytes: 10 });
    const run = await deploy();
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('WeChat componenttcb/rollupdatecloudbaserunserverversion: timed out: no complete answer within 1.0s');
    expect(run.stdout).toContain('the outcome is unknown');
    expect(run.stdout).toContain('raise request_timeout');
    expect(run.outputs.run_id).toBe('');
    expect(calls(ROLLOUT)).toBe(1);
  });

  it('retries a read that times out, then succeeds', async () => {
    emu.faults.inject({ match: 'getcsversionlist', delayMs: 2_500 }); // undici's timers tick every ~0.5s
    const run = await deploy();
    expect(run.code, run.stdout).toBe(0);
    expect(calls(LIST)).toBe(2);
    expect(run.stdout).toContain('timed out');
  });

  it('gives up on reads when the retry budget is spent', async () => {
    emu.faults.inject({ match: 'getcsversionlist', delayMs: 2_500, times: 5 });
    const run = await deploy({ retry_budget: '1s' });
    expect(run.code).toBe(1);
    expect(calls(LIST)).toBe(1);
    expect(calls(ROLLOUT)).toBe(0);
  });

  it('completes over a slow but steady link', async () => {
    emu.faults.inject({ match: 'rollupdate', bytesPerSecond: 200 });
    const run = await deploy();
    expect(run.code, run.stdout).toBe(0);
    expect(emu.wechat.runs.has(run.outputs.run_id)).toBe(true);
  });

  it.each([
    ['request_timeout', '0s', 'must be between 1s and 10m'],
    ['request_timeout', '30', 'expected a duration'],
    ['retry_budget', '2h', 'must be between 0s and 1h'],
  ])('rejects %s: %s before any call', async (name, value, message) => {
    const run = await deploy({ [name]: value });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`\`${name}\`: ${message}`);
    expect(emu.requests).toHaveLength(0);
  });
});

describe('a release already in progress', () => {
  const release = (image: string, extra: Record<string, string> = {}) =>
    runAction({
      operation: 'deploy',
      wechat_api_url: emu.url,
      access_token: TOKEN,
      env_id: ENV,
      service_name: 'svc',
      image,
      poll_interval: '50ms',
      ...extra,
    });

  it('is waited out, then this release goes through and is watched to the end', async () => {
    emu.wechat.rollout = { buildPolls: 2, deployPolls: 1, outcome: 'ok' };
    const other = await release('ccr.ccs.tencentyun.com/ns/svc:other', { wait: 'false' });
    expect(other.code, other.stdout).toBe(0);
    const run = await release('ccr.ccs.tencentyun.com/ns/svc:mine', { timeout: '20s' });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('Another release of svc is running');
    expect(run.stdout).toContain('当前已有部署发布任务运行中');
    // Tried again until the other finished: refused at least once, accepted exactly once.
    expect(calls(ROLLOUT)).toBeGreaterThanOrEqual(3);
    // The version this release produced, not the other one.
    expect(run.outputs).toMatchObject({ status: 'normal', image_url: 'ccr.ccs.tencentyun.com/ns/svc:mine' });
    const versions = emu.wechat.service(ENV, 'svc')!.versions.map((v) => v.image_url);
    expect(versions.at(-1)).toBe('ccr.ccs.tencentyun.com/ns/svc:mine');
  });

  it('fails clearly when the other release outlasts timeout', async () => {
    emu.wechat.rollout = { buildPolls: 0, deployPolls: 0, outcome: 'hang' };
    await release('ccr.ccs.tencentyun.com/ns/svc:other', { wait: 'false' });
    const run = await release('ccr.ccs.tencentyun.com/ns/svc:mine', { timeout: '300ms' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Another release of svc was still running after 0.3s');
    expect(run.stdout).toContain('concurrency group');
    expect(run.outputs.run_id).toBe('');
  });
});
