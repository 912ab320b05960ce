import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { everythingShown, runAction, runJobInProcess } from '../../harness/run-action.ts';
import { startEmulator, type Emulator } from '../../emulator/server.ts';
import { NEW_IMAGE, OLD_IMAGE, wechatInputs } from '../support/fixtures.ts';
import { seedShopApi } from '../support/versions.ts';
import type { Version } from '../../emulator/wechat.ts';

// Deploy strategies, rollback and set-traffic against the emulator; the canary's health gate
// against a small local HTTP server whose answers each test scripts.

const TOKEN = 'tok_strategies_5e1b';
const ENV = 'prod-env-9x8y';
const [OLD, IMAGE] = [OLD_IMAGE, NEW_IMAGE];
const DB_PASSWORD = 'DISTINCTIVE-db-password-81c2';
const CREATE = '/componenttcb/createcloudbaserunserverversion';
const ROLLOUT = '/componenttcb/rollupdatecloudbaserunserverversion';
const SPLIT = '/componenttcb/setcspropotion';

let emu: Emulator;
let health: Server | undefined;
beforeEach(async () => {
  emu = await startEmulator();
  emu.wechat.tokens.add(TOKEN);
});
afterEach(async () => {
  await emu.close();
  if (health) await new Promise((resolve) => health!.close(resolve));
  health = undefined;
});

const wechat = () => wechatInputs(emu, TOKEN, ENV);
const deploy = (extra: Record<string, string> = {}, run = runJobInProcess) =>
  run({ operation: 'deploy', ...wechat(), image: IMAGE, poll_interval: '50ms', timeout: '1m', ...extra });
const calls = (path: string) => emu.requests.filter((r) => r.path === path);
const splits = () => calls(SPLIT).map((r) => (JSON.parse(r.body) as { items: unknown }).items);
const flows = () => emu.wechat.service(ENV, 'shop-api')!.versions.map((v) => [v.version_name, v.status, v.flow_ratio]);

/** shop-api with these versions, oldest first, a day apart. */
function seed(versions: Partial<Version>[]): void {
  seedShopApi(
    emu,
    ENV,
    versions.map((v) => ({ image_url: OLD, ...v })),
  );
}

/** A health endpoint on 127.0.0.1 that answers with these statuses in turn, the last one from then on. */
async function healthEndpoint(statuses: number[]): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  health = createServer((_req, res) => {
    const status = statuses[Math.min(hits++, statuses.length - 1)];
    res.writeHead(status, { 'content-type': 'text/plain' });
    res.end(status < 300 ? 'ok' : `database down <img src=x onerror=alert(1)> ${DB_PASSWORD}`);
  });
  await new Promise<void>((resolve) => health!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(health.address() as AddressInfo).port}/healthz`, hits: () => hits };
}

describe('the first version of a service', () => {
  it.each([
    ['rolling', '10'],
    ['new-version', '10,50,100'],
  ])('is created with all the traffic, whatever the strategy (%s) and traffic (%s)', async (strategy, traffic) => {
    seed([]);
    emu.wechat.rollout = { buildPolls: 1, deployPolls: 1, outcome: 'ok' };
    const run = await deploy({ strategy, traffic, container_port: '8080' });
    expect(run.code, run.stdout).toBe(0);
    expect(calls(ROLLOUT)).toHaveLength(0);
    const [create] = calls(CREATE);
    expect(JSON.parse(create.body)).toMatchObject({
      env_id: ENV,
      server_name: 'shop-api',
      upload_type: 'image',
      flow_ratio: 100,
      container_port: 8080,
      cpu: 0.25,
      mem: 0.5,
      min_num: 0,
      max_num: 1,
      policy_type: 'cpu',
      policy_threshold: 60,
      image_info: { image_url: IMAGE },
    });
    expect(JSON.parse(create.body)).not.toHaveProperty('version_name');
    expect(run.outputs).toMatchObject({ version_name: 'shop-api-001', status: 'normal', image_url: IMAGE, previous_version: '' });
    expect(emu.wechat.runs.get(run.outputs.run_id)).toBe('shop-api-001');
    expect(flows()).toEqual([['shop-api-001', 'normal', 100]]);
    expect(calls(SPLIT)).toHaveLength(0);
    expect(run.stdout).toContain('its first version takes all the traffic');
  });

  it('is refused by the emulator as a rolling update, as the platform has nothing to replace', async () => {
    seed([]);
    const res = await fetch(`${emu.url}${ROLLOUT}?access_token=${TOKEN}`, {
      method: 'POST',
      body: JSON.stringify({ env_id: ENV, server_name: 'shop-api', upload_type: 'image', image_info: { image_url: IMAGE } }),
    });
    expect(await res.json()).toMatchObject({ errcode: 40097 });
    expect(flows()).toEqual([]);
  });
});

describe('strategy: new-version', () => {
  const serving = { flow_ratio: 100, settings: { container_port: 8080, cpu: '1', env_params: JSON.stringify({ DB_PASSWORD }) } };

  it('blue/green: the new version starts with no traffic, gets all of it once ready, and the old one stays', async () => {
    seed([serving]);
    emu.wechat.rollout = { buildPolls: 1, deployPolls: 1, outcome: 'ok' };
    const run = await deploy({ strategy: 'new-version', traffic: '100' }, runAction);
    expect(run.code, run.stdout).toBe(0);
    const body = JSON.parse(calls(CREATE)[0].body);
    // Created with no traffic; what the inputs leave out is copied from the serving version.
    expect(body).toMatchObject({ flow_ratio: 0, container_port: 8080, cpu: 1, env_params: JSON.stringify({ DB_PASSWORD }) });
    expect(splits()).toEqual([
      [
        { version_name: 'shop-api-002', flow_ratio: 100 },
        { version_name: 'shop-api-001', flow_ratio: 0 },
      ],
    ]);
    expect(flows()).toEqual([
      ['shop-api-001', 'normal', 0],
      ['shop-api-002', 'normal', 100],
    ]);
    expect(run.outputs).toMatchObject({ version_name: 'shop-api-002', previous_version: 'shop-api-001', status: 'normal' });
    expect(run.summary).toContain('Traffic split before: shop-api-001 100%');
    expect(run.summary).toContain('Traffic split: shop-api-002 100%');
    expect(run.summary).toContain('```mermaid\npie title After\n    "shop-api-002" : 100\n```');
    expect(everythingShown(run)).not.toContain(DB_PASSWORD);
  });

  it('without traffic, leaves the ready version with none, for a later set-traffic', async () => {
    seed([serving]);
    const run = await deploy({ strategy: 'new-version' });
    expect(run.code, run.stdout).toBe(0);
    expect(calls(SPLIT)).toHaveLength(0);
    expect(flows()).toEqual([
      ['shop-api-001', 'normal', 100],
      ['shop-api-002', 'normal', 0],
    ]);
    expect(run.stdout).toContain('serves no traffic; operation: set-traffic sends it some');
  });

  it('promotes a healthy canary through its steps, checking health during each', async () => {
    seed([{ flow_ratio: 70 }, { flow_ratio: 30 }]);
    const endpoint = await healthEndpoint([200]);
    const run = await deploy(
      { strategy: 'new-version', traffic: '10,50,100', canary_interval: '200ms', health_url: endpoint.url },
      runAction,
    );
    expect(run.code, run.stdout).toBe(0);
    // The versions that served before keep the rest in their old proportions.
    expect(splits()).toEqual([
      [
        { version_name: 'shop-api-003', flow_ratio: 10 },
        { version_name: 'shop-api-002', flow_ratio: 27 },
        { version_name: 'shop-api-001', flow_ratio: 63 },
      ],
      [
        { version_name: 'shop-api-003', flow_ratio: 50 },
        { version_name: 'shop-api-002', flow_ratio: 15 },
        { version_name: 'shop-api-001', flow_ratio: 35 },
      ],
      [
        { version_name: 'shop-api-003', flow_ratio: 100 },
        { version_name: 'shop-api-002', flow_ratio: 0 },
        { version_name: 'shop-api-001', flow_ratio: 0 },
      ],
    ]);
    // 200ms per step, a check every 50ms: four per step (fewer when the checks are slow: the
    // step never lasts longer), the last step watched too.
    expect(endpoint.hits()).toBeGreaterThanOrEqual(9);
    expect(endpoint.hits()).toBeLessThanOrEqual(12);
    expect(run.outputs).toMatchObject({ version_name: 'shop-api-003', status: 'normal', previous_version: 'shop-api-001' });
    expect(run.summary).toContain('### Canary steps');
    expect(run.summary).toMatch(/\| 10% \| [\d.]+s \| health_url \| ok: HTTP 200 \([34] times\) \|/);
    expect(run.summary).toMatch(/\| 100% \| [\d.]+s \| traffic set \| shop-api-003 100%, shop-api-002 0%, shop-api-001 0% \|/);
    expect(flows().map(([name, , flow]) => [name, flow])).toEqual([
      ['shop-api-001', 0],
      ['shop-api-002', 0],
      ['shop-api-003', 100],
    ]);
  });

  it('reverts a canary to exactly the split from before when a health check fails', async () => {
    seed([{ flow_ratio: 70 }, { flow_ratio: 30 }]);
    const endpoint = await healthEndpoint([200, 200, 500]);
    const run = await deploy({ strategy: 'new-version', traffic: '10,50,100', canary_interval: '200ms', health_url: endpoint.url });
    expect(run.code).toBe(1);
    expect(endpoint.hits()).toBe(3);
    expect(splits()).toEqual([
      [
        { version_name: 'shop-api-003', flow_ratio: 10 },
        { version_name: 'shop-api-002', flow_ratio: 27 },
        { version_name: 'shop-api-001', flow_ratio: 63 },
      ],
      [
        { version_name: 'shop-api-002', flow_ratio: 30 },
        { version_name: 'shop-api-001', flow_ratio: 70 },
        { version_name: 'shop-api-003', flow_ratio: 0 },
      ],
    ]);
    // The failed version is kept, with no traffic, for inspection.
    expect(flows()).toEqual([
      ['shop-api-001', 'normal', 70],
      ['shop-api-002', 'normal', 30],
      ['shop-api-003', 'normal', 0],
    ]);
    expect(run.outputs).toMatchObject({ status: 'rolled_back', version_name: 'shop-api-003', previous_version: 'shop-api-001' });
    expect(run.stdout).toContain('The canary of shop-api-003 was rolled back at 10%25: health_url check failed (HTTP 500)');
    expect(run.stdout).toContain('kept with 0%25 for inspection');
    // What the endpoint said reaches the log only, never the summary.
    expect(run.stdout).toContain('database down');
    expect(run.summary).not.toContain('database down');
    expect(run.summary).toContain('| 10% | ');
    expect(run.summary).toMatch(/\| health_url \| FAILED: HTTP 500 \|/);
    expect(run.summary).toContain('Traffic split: shop-api-001 70%, shop-api-002 30%');
  });

  it('puts the traffic back and still reports the new version when a canary step itself fails', async () => {
    seed([{ flow_ratio: 100 }]);
    // The first step is set; the second is refused.
    emu.faults.inject({ match: SPLIT, skip: 1, reply: { status: 200, json: { errcode: 40097, errmsg: 'invalid args' } } });
    const run = await deploy({ strategy: 'new-version', traffic: '10,100', canary_interval: '100ms' });
    expect(run.code).toBe(1);
    expect(calls(SPLIT)).toHaveLength(3);
    expect(flows()).toEqual([
      ['shop-api-001', 'normal', 100],
      ['shop-api-002', 'normal', 0],
    ]);
    expect(run.outputs).toMatchObject({ status: 'rolled_back', version_name: 'shop-api-002', previous_version: 'shop-api-001' });
    expect(run.stdout).toContain('errcode 40097');
  });

  it('sends a release once: a "system busy" answer leaves its outcome unknown, not retried or re-run blindly', async () => {
    seed([{ flow_ratio: 100 }]);
    emu.faults.inject({ match: ROLLOUT, reply: { status: 200, json: { errcode: -1, errmsg: 'system busy' } } });
    const run = await deploy({ wait: 'false' });
    expect(run.code).toBe(1);
    expect(calls(ROLLOUT)).toHaveLength(1);
    expect(run.stdout).toContain('rollupdatecloudbaserunserverversion: the outcome is unknown');
    expect(run.stdout).toContain('the release may have started: check the service in the Cloud Hosting console before re-running');
  });

  it('gives the new version all the traffic when nothing serves, whatever the steps', async () => {
    // Its only version failed to build: the service serves nothing, and the next good deploy must change that.
    seed([{ flow_ratio: 0, status: 'build_fail' }]);
    const run = await deploy({ strategy: 'new-version', traffic: '10,100' });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('No version of shop-api serves traffic: the new version gets all of it once ready');
    expect(splits()).toEqual([[{ version_name: 'shop-api-002', flow_ratio: 100 }]]);
    expect(flows()).toEqual([
      ['shop-api-001', 'build_fail', 0],
      ['shop-api-002', 'normal', 100],
    ]);
    expect(run.outputs).toMatchObject({ status: 'normal', version_name: 'shop-api-002', previous_version: '' });
  });

  it('reverts a canary when the new version leaves the ready state', async () => {
    seed([serving]);
    // The platform's new version fails while the canary runs: the second check finds it so.
    const endpoint = await healthEndpoint([200]);
    health!.on('request', () => {
      if (endpoint.hits() === 1) emu.wechat.service(ENV, 'shop-api')!.versions.at(-1)!.status = 'deploy_fail';
    });
    const run = await deploy({ strategy: 'new-version', traffic: '10,100', canary_interval: '200ms', health_url: endpoint.url });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'The canary of shop-api-002 was rolled back at 10%25: version status check failed (shop-api-002 is deploy_fail)',
    );
    expect(splits().at(-1)).toEqual([
      { version_name: 'shop-api-001', flow_ratio: 100 },
      { version_name: 'shop-api-002', flow_ratio: 0 },
    ]);
    expect(run.outputs.status).toBe('rolled_back');
  });

  it('dry run reads what the real run reads, changes nothing, and hides env_params values', async () => {
    seed([serving]);
    const run = await deploy({
      strategy: 'new-version',
      traffic: '10,100',
      dry_run: 'true',
      env_vars: `DB_PASSWORD=${DB_PASSWORD}\nMODE=blue`,
    });
    expect(run.code, run.stdout).toBe(0);
    expect(emu.requests.map((r) => r.path)).toEqual(['/componenttcb/getcsversionlist', '/componenttcb/getcsversiondetail']);
    expect(run.outputs).toMatchObject({ status: 'dry_run', previous_version: 'shop-api-001' });
    expect(run.summary).toContain('Deploy (dry run)');
    expect(run.summary).toContain('"env_params": "{\\"DB_PASSWORD\\":\\"***\\",\\"MODE\\":\\"***\\"}"');
    expect(run.stdout).toContain('Dry run: then setcspropotion: (new version) 10%, shop-api-001 90%');
    expect(everythingShown(run)).not.toContain(DB_PASSWORD);
    expect(flows()).toEqual([['shop-api-001', 'normal', 100]]);
  });

  it('rejects steps and health_url with the rolling strategy, and steps that do not increase, before any call', async () => {
    seed([serving]);
    const run = await deploy({ traffic: '10,50', health_url: 'http://127.0.0.1:1/h' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('`traffic`: steps (10,50,100) need strategy: new-version');
    expect(run.stdout).toContain('`health_url`: needs strategy: new-version');
    const bad = await deploy({ strategy: 'canary', traffic: '50,10', health_url: 'ftp://x/y' });
    expect(bad.stdout).toContain('`strategy`: expected one of rolling, new-version, got "canary"');
    expect(bad.stdout).toContain('`traffic`: steps must increase, got 50 then 10');
    expect(bad.stdout).toContain('`health_url`: must be an http(s) URL');
    expect(emu.requests).toHaveLength(0);
  });
});

describe('operation: rollback', () => {
  const history = () => seed([{}, {}, { status: 'build_fail' }, { image_url: IMAGE, flow_ratio: 100 }]);
  const rollback = (extra: Record<string, string> = {}, run = runJobInProcess) => run({ operation: 'rollback', ...wechat(), ...extra });

  it('by default sends all traffic to the newest ready version older than the serving one', async () => {
    history();
    const run = await rollback({}, runAction);
    expect(run.code, run.stdout).toBe(0);
    expect(splits()).toEqual([
      [
        { version_name: 'shop-api-002', flow_ratio: 100 },
        { version_name: 'shop-api-004', flow_ratio: 0 },
      ],
    ]);
    expect(run.outputs).toMatchObject({ version_name: 'shop-api-002', previous_version: 'shop-api-004', status: 'traffic_set' });
    expect(flows().map(([name, , flow]) => [name, flow])).toEqual([
      ['shop-api-001', 0],
      ['shop-api-002', 100],
      ['shop-api-003', 0],
      ['shop-api-004', 0],
    ]);
    expect(run.summary).toContain('Traffic split before: shop-api-004 100%');
    expect(run.summary).toContain('Traffic split: shop-api-002 100%');
  });

  it('never takes a version whose creation time cannot be read for an older one', async () => {
    const item = (version_name: string, created_time: string, flow_ratio: number) => ({
      version_name,
      status: 'normal',
      flow_ratio,
      created_time,
    });
    emu.faults.inject({
      match: '/componenttcb/getcsversionlist',
      reply: {
        status: 200,
        json: { errcode: 0, total: 2, items: [item('shop-api-002', '2026-01-02 10:00:00', 100), item('shop-api-001', '', 0)] },
      },
    });
    history();
    const run = await rollback();
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Service shop-api has no ready version older than shop-api-002');
    expect(splits()).toEqual([]);
  });

  it('sends all traffic to rollback_to', async () => {
    history();
    const run = await rollback({ rollback_to: 'shop-api-001' });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ version_name: 'shop-api-001', previous_version: 'shop-api-004' });
    expect(flows().find(([name]) => name === 'shop-api-001')).toEqual(['shop-api-001', 'normal', 100]);
  });

  it.each([
    ['shop-api-003', 'Version shop-api-003 of service shop-api is build_fail, not ready for traffic'],
    ['shop-api-009', 'Version shop-api-009 does not exist in service shop-api'],
  ])('refuses %s by name, changing nothing', async (target, message) => {
    history();
    const run = await rollback({ rollback_to: target });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(message);
    expect(calls(SPLIT)).toHaveLength(0);
  });

  it('dry run only reads', async () => {
    history();
    const run = await rollback({ dry_run: 'true' });
    expect(run.code, run.stdout).toBe(0);
    expect(emu.requests.map((r) => r.path)).toEqual(['/componenttcb/getcsversionlist']);
    expect(run.outputs).toMatchObject({ version_name: 'shop-api-002', status: 'dry_run' });
    expect(run.summary).toContain('## Rollback (dry run): shop-api');
    expect(run.summary).toContain('Traffic split: shop-api-002 100%');
  });
});

describe('operation: set-traffic', () => {
  const setTraffic = (traffic_split: string, run = runJobInProcess) => run({ operation: 'set-traffic', ...wechat(), traffic_split });

  it.each([
    ['VERSION=PERCENT lines', 'shop-api-003=80\nshop-api-002=20', runAction],
    ['a JSON object', '{"shop-api-003": 80, "shop-api-002": 20}', runJobInProcess],
  ])('sets the split from %s; other versions get 0%%', async (_, split, runner) => {
    seed([{ flow_ratio: 90 }, {}, { image_url: IMAGE, flow_ratio: 10 }]);
    const run = await setTraffic(split, runner);
    expect(run.code, run.stdout).toBe(0);
    expect(splits()).toEqual([
      [
        { version_name: 'shop-api-003', flow_ratio: 80 },
        { version_name: 'shop-api-002', flow_ratio: 20 },
        { version_name: 'shop-api-001', flow_ratio: 0 },
      ],
    ]);
    expect(run.outputs).toMatchObject({ version_name: 'shop-api-003', previous_version: 'shop-api-001', status: 'traffic_set' });
  });

  it('refuses a version that is not ready, and a split that does not add up to 100 before any call', async () => {
    seed([{ flow_ratio: 100 }, { status: 'deploying' }]);
    const run = await setTraffic('shop-api-002=50\nshop-api-001=50');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Version shop-api-002 of service shop-api is deploying, not ready for traffic');
    expect(calls(SPLIT)).toHaveLength(0);
    emu.requests.length = 0;
    const bad = await setTraffic('shop-api-002=50\nshop-api-001=40');
    expect(bad.stdout).toContain('`traffic_split`: the shares must add up to 100, got 90');
    expect(emu.requests).toHaveLength(0);
  });
});
