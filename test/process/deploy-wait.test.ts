import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runJobInProcess } from '../../harness/run-action.ts';
import { startEmulator, type Emulator } from '../../emulator/server.ts';

const TOKEN = 'tok_wait_tests';
const ENV = 'prod-env-9x8y';
const OLD = 'ccr.ccs.tencentyun.com/shop/api:v2.0.0';
const IMAGE = 'ccr.ccs.tencentyun.com/shop/api:v2.0.1';
const ROLLOUT = '/componenttcb/rollupdatecloudbaserunserverversion';
const LIST = '/componenttcb/getcsversionlist';
const INTERVAL = 50;

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator();
  emu.wechat.tokens.add(TOKEN);
  emu.wechat.addService(ENV, 'shop-api', [{ image_url: OLD, flow_ratio: 100 }]);
});
afterEach(() => emu.close());

const inputs = (extra: Record<string, string> = {}) => ({
  operation: 'deploy',
  wechat_api_url: emu.url,
  access_token: TOKEN,
  env_id: ENV,
  service_name: 'shop-api',
  image: IMAGE,
  poll_interval: `${INTERVAL}ms`,
  timeout: '5s',
  ...extra,
});
const calls = (path: string) => emu.requests.filter((r) => r.path === path);
/** The list reads after the rolling update was sent: the polls. */
const polls = () => {
  const sent = calls(ROLLOUT)[0].at;
  return calls(LIST).filter((r) => r.at >= sent);
};
const flows = () => emu.wechat.service(ENV, 'shop-api')!.versions.map((v) => [v.version_name, v.status, v.image_url, v.flow_ratio]);

describe('deploy waits for the rollout', () => {
  it('succeeds once the new version is ready, after several polls no faster than the interval', async () => {
    emu.wechat.rollout = { buildPolls: 2, deployPolls: 2, outcome: 'ok' };
    const run = await runJobInProcess(inputs());
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ version_name: 'shop-api-002', status: 'normal', image_url: IMAGE, service_created: 'false' });
    // Two reads building, two deploying (the emulator's rollouts move on per read), then ready.
    expect(polls().length).toBe(4);
    // Sleeps return at once in tests while the action's clock moves on: at least one interval between polls.
    expect(Number(run.outputs.duration_seconds)).toBeGreaterThanOrEqual((3 * INTERVAL) / 1000);
    expect(calls('/componenttcb/getcsversiondetail')).toHaveLength(1);

    for (const status of ['building', 'deploying', 'normal']) {
      expect(run.stdout.match(new RegExp(`version shop-api-002 is ${status}\\b`, 'g')), status).toHaveLength(1);
    }
    expect(run.summary).toContain('### Rollout: ready');
    expect(run.summary).toMatch(/\| accepted \| 0\.0s \|\n\| building \| [\d.]+s \|\n\| deploying \| [\d.]+s \|\n\| normal \| [\d.]+s \|/);
    expect(run.summary).toContain('Traffic split: shop-api-002 100%');
    expect(flows()).toEqual([['shop-api-002', 'normal', IMAGE, 100]]);
  });

  it.each([
    ['build_fail', 'the image could not be built or pulled: check that ccr.ccs.tencentyun.com/shop/api:v2.0.1 exists'],
    ['deploy_fail', 'the container did not become healthy: check container_port'],
  ] as const)('fails on %s with the status, the run_id and a hint', async (outcome, hint) => {
    emu.wechat.rollout = { buildPolls: 1, deployPolls: 1, outcome };
    const run = await runJobInProcess(inputs());
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`The rollout failed: version shop-api-002 is ${outcome} (run_id ${run.outputs.run_id}, after`);
    expect(run.stdout).toContain(hint);
    expect(run.stdout).toContain('the logs of version shop-api-002 in the Cloud Hosting console');
    expect(run.outputs).toMatchObject({ version_name: 'shop-api-002', status: outcome, image_url: IMAGE });
    expect(run.summary).toContain('### Rollout: failed');
    expect(run.summary).toContain(`| ${outcome} |`);
    // The old version keeps serving.
    expect(flows()).toEqual([
      ['shop-api-001', 'normal', OLD, 100],
      ['shop-api-002', outcome, IMAGE, 0],
    ]);
  });

  it('fails on timeout, saying the release may still finish and how to check', async () => {
    emu.wechat.rollout = { buildPolls: 1, deployPolls: 0, outcome: 'hang' };
    const run = await runJobInProcess(inputs({ timeout: '400ms' }));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `The rollout did not finish within 0.4s: version shop-api-002 is still deploying (run_id ${run.outputs.run_id}).`,
    );
    expect(run.stdout).toContain('the release may still finish: watch the version list of service shop-api (environment prod-env-9x8y)');
    expect(run.stdout).toContain('raise timeout');
    expect(run.outputs).toMatchObject({ version_name: 'shop-api-002', status: 'deploying' });
    const last = polls().at(-1)!.at - calls(ROLLOUT)[0].at;
    expect(last).toBeLessThanOrEqual(400 + 100);
  });

  it('fails when the new version is ready but runs the previous image (rollback)', async () => {
    emu.wechat.rollout = { buildPolls: 1, deployPolls: 1, outcome: 'rollback' };
    const run = await runJobInProcess(inputs());
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`The rollout was rolled back: version shop-api-002 is normal but runs ${OLD} instead of ${IMAGE}`);
    expect(run.stdout).toContain('failed its health check');
    expect(run.outputs).toMatchObject({ version_name: 'shop-api-002', status: 'normal', image_url: OLD });
    expect(run.summary).toContain('### Rollout: rolled back');
  });

  it('keeps polling through transient errors, even when they outlast the client retries', async () => {
    emu.wechat.rollout = { buildPolls: 1, deployPolls: 1, outcome: 'ok' };
    // Hold the rolling update's answer so the faults can be queued for the polls only.
    emu.faults.inject({ match: 'rollupdate', delayMs: 300 });
    const running = runJobInProcess(inputs({ timeout: '20s' }));
    while (calls(ROLLOUT).length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    emu.faults.inject(
      { match: 'getcsversionlist', times: 4, reply: { status: 502, raw: 'Bad Gateway' } },
      { match: 'getcsversionlist', reply: { status: 200, json: { errcode: -1, errmsg: 'system busy' } } },
      { match: 'getcsversiondetail', drop: true },
    );
    const run = await running;
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('retrying in');
    expect(run.stdout).toMatch(
      /Polling the versions of shop-api failed \(WeChat componenttcb\/getcsversionlist: HTTP 502.*\); polling again/,
    );
    expect(run.outputs).toMatchObject({ version_name: 'shop-api-002', status: 'normal', image_url: IMAGE });
    expect(emu.faults.applied).toBe(7);
  });

  it('fails at once, with the run_id, on an error that is not transient', async () => {
    emu.wechat.rollout = { buildPolls: 2, deployPolls: 0, outcome: 'ok' };
    emu.faults.inject({ match: 'rollupdate', delayMs: 100 });
    const running = runJobInProcess(inputs());
    while (calls(ROLLOUT).length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    emu.faults.inject({ match: 'getcsversionlist', reply: { status: 200, json: { errcode: 42001, errmsg: 'access_token expired' } } });
    const run = await running;
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`Lost track of the rollout (run_id ${run.outputs.run_id ?? ''}`);
    expect(run.stdout).toContain('errcode 42001');
    expect(run.stdout).toContain('the release goes on without the action');
  });

  it('starts a canary at 10%, leaving the rest on the serving version, then promotes it to 100%', async () => {
    // shop-api-001 serves; shop-api-002 is an idle slot the canary replaces.
    emu.wechat.addVersion(emu.wechat.service(ENV, 'shop-api')!, { image_url: 'ccr.ccs.tencentyun.com/shop/api:v1.9.0', flow_ratio: 0 });
    emu.wechat.rollout = { buildPolls: 1, deployPolls: 1, outcome: 'ok' };

    const canary = await runJobInProcess(inputs({ version_name: 'shop-api-002', traffic: '10' }));
    expect(canary.code, canary.stdout).toBe(0);
    expect(canary.outputs.version_name).toBe('shop-api-003');
    const [split] = calls('/componenttcb/setcspropotion');
    expect(JSON.parse(split.body)).toEqual({
      env: ENV,
      service_name: 'shop-api',
      items: [
        { version_name: 'shop-api-003', flow_ratio: 10 },
        { version_name: 'shop-api-001', flow_ratio: 90 },
      ],
    });
    expect(canary.summary).toContain('Traffic split: shop-api-001 90%, shop-api-003 10%');
    expect(flows()).toEqual([
      ['shop-api-001', 'normal', OLD, 90],
      ['shop-api-003', 'normal', IMAGE, 10],
    ]);

    const promoted = await runJobInProcess(inputs({ version_name: 'shop-api-003', traffic: '100' }));
    expect(promoted.code, promoted.stdout).toBe(0);
    expect(promoted.outputs.version_name).toBe('shop-api-004');
    expect(promoted.summary).toContain('Traffic split: shop-api-004 100%');
    expect(flows()).toEqual([
      ['shop-api-001', 'normal', OLD, 0],
      ['shop-api-004', 'normal', IMAGE, 100],
    ]);
  });

  it('fails a canary that has no other serving version to keep the rest', async () => {
    const run = await runJobInProcess(inputs({ traffic: '10' }));
    expect(run.code).toBe(1);
    // The runner's ::error:: command escapes % as %25.
    expect(run.stdout).toContain(
      'traffic 10 leaves 90%25 to the versions that served before, but no other version of the service serves traffic',
    );
    expect(run.stdout).toContain('deploy over a version that serves no traffic (version_name)');
    expect(calls('/componenttcb/setcspropotion')).toHaveLength(0);
    expect(run.outputs).toMatchObject({ version_name: 'shop-api-002', status: 'normal' });
  });

  it('with wait: false, returns as soon as the rollout is accepted', async () => {
    emu.wechat.rollout = { buildPolls: 0, deployPolls: 0, outcome: 'hang' };
    const run = await runJobInProcess(inputs({ wait: 'false' }));
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ version_name: 'latest', status: 'accepted', image_url: IMAGE });
    // The version list is read first: a service without a version gets its first one another way.
    expect(emu.requests.map((r) => r.path)).toEqual([LIST, ROLLOUT]);
    expect(run.summary).not.toContain('### Rollout');
  });

  it('rejects traffic without waiting, and bad durations, before any call', async () => {
    const run = await runJobInProcess(inputs({ wait: 'false', traffic: '10', timeout: '10', poll_interval: '5ms' }));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('`traffic`: needs wait: true');
    expect(emu.requests).toHaveLength(0);
    const bad = await runJobInProcess(inputs({ traffic: '101', timeout: '10', poll_interval: '5ms' }));
    expect(bad.stdout).toContain('`traffic`: must be between 0 and 100');
    expect(bad.stdout).toContain('`timeout`: expected a duration');
    expect(bad.stdout).toContain('`poll_interval`: must be between 10ms and 10m');
    expect(emu.requests).toHaveLength(0);
  });
});
