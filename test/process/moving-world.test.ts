import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAction, runJobInProcess, runPostStep, TEST_CLOCK, type ActionRun } from '../../harness/run-action.ts';
import { startEmulator, type Emulator } from '../../emulator/server.ts';
import { EMULATOR_COMPONENT, type Version } from '../../emulator/wechat.ts';
import { NEW_IMAGE, OLD_IMAGE, wechatInputs } from '../support/fixtures.ts';
import { seedShopApi } from '../support/versions.ts';

// Deploy, rollback and set-traffic while the world moves: a cancelled job, a token that dies, an
// operator changing the traffic, a platform answer that does not apply, answers the platform
// documents but rarely gives. Each test ends with the split someone chose, and a step that says which.

const TOKEN = 'tok_moving_world_6a2c';
const ENV = 'prod-env-moving';
const [OLD, IMAGE] = [OLD_IMAGE, NEW_IMAGE];
const SPLIT = '/componenttcb/setcspropotion';
const CREATE = '/componenttcb/createcloudbaserunserverversion';

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

const inputs = (extra: Record<string, string> = {}) => ({ ...wechatInputs(emu, TOKEN, ENV), ...extra });
const canary = (extra: Record<string, string> = {}) =>
  inputs({ operation: 'deploy', image: IMAGE, strategy: 'new-version', traffic: '10,100', poll_interval: '50ms', timeout: '1m', ...extra });
const calls = (path: string) => emu.requests.filter((r) => r.path === path);
const splits = () => calls(SPLIT).map((r) => (JSON.parse(r.body) as { items: unknown }).items);
const serving = () =>
  Object.fromEntries(
    emu.wechat
      .service(ENV, 'shop-api')!
      .versions.filter((v) => v.flow_ratio > 0)
      .map((v) => [v.version_name, v.flow_ratio]),
  );
/** What an operator does in the console: everything back to the old version. */
const operatorSendsAllToOld = () => {
  for (const v of emu.wechat.service(ENV, 'shop-api')!.versions) v.flow_ratio = v.version_name === 'shop-api-001' ? 100 : 0;
};
const seed = (versions: Partial<Version>[]) =>
  seedShopApi(
    emu,
    ENV,
    versions.map((v) => ({ image_url: OLD, ...v })),
  );

/** A health endpoint on 127.0.0.1; `answer` decides each reply (and may change the world meanwhile). */
async function healthEndpoint(answer: (hit: number, headers: IncomingHttpHeaders) => number | Promise<number>): Promise<string> {
  let hits = 0;
  health = createServer((req, res) => {
    void Promise.resolve(answer(++hits, req.headers)).then((status) => {
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status < 300 ? 'ok' : 'down');
    });
  });
  await new Promise<void>((resolve) => health!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(health.address() as AddressInfo).port}/healthz`;
}

/** Resolves once the emulator has seen a request for which `seen` holds. */
async function until(seen: () => boolean): Promise<void> {
  while (!seen()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/**
 * Cancels a running action as GitHub does: SIGINT, then SIGTERM if it is still running a moment
 * later (GitHub waits 7.5 s; the action should not need it).
 */
function cancelWhen(seen: () => boolean): (child: ChildProcess) => void {
  return (child) =>
    void until(seen).then(() => {
      child.kill('SIGINT');
      setTimeout(() => child.exitCode === null && child.kill('SIGTERM'), 2_000);
    });
}

describe('a cancelled canary', () => {
  it('is put back on the split from before on SIGINT, renders its result, and leaves its post step nothing to do', async () => {
    seed([{ flow_ratio: 100 }]);
    const url = await healthEndpoint(() => 200);
    // Real time (no test clock), so the step waits until the cancel comes.
    const step = canary({ canary_interval: '1h', health_url: url });
    const run = await runAction(
      step,
      { RELEASE_TEST_TIME_SCALE: '1' },
      cancelWhen(() => calls(SPLIT).length === 1),
    );
    expect(run.code).toBe(1);
    expect(serving()).toEqual({ 'shop-api-001': 100 });
    expect(splits()).toEqual([
      [
        { version_name: 'shop-api-002', flow_ratio: 10 },
        { version_name: 'shop-api-001', flow_ratio: 90 },
      ],
      [
        { version_name: 'shop-api-001', flow_ratio: 100 },
        { version_name: 'shop-api-002', flow_ratio: 0 },
      ],
    ]);
    expect(run.stdout).toContain('::error::Cancelled (SIGINT) at the 10%25 step of shop-api-002');
    expect(run.stdout).toContain('The traffic is back on the split from before (shop-api-001 100%25)');
    expect(run.outputs).toMatchObject({ status: 'rolled_back', version_name: 'shop-api-002', previous_version: 'shop-api-001' });
    expect(run.summary).toContain('## Deploy: shop-api');
    expect(run.state.release).toBe('');

    const post = await runPostStep(step, run.state);
    expect(post.code).toBe(0);
    expect(post.stdout).toBe('');
  });

  it('killed before it could put the traffic back, is put back by the post step, which finishes its Deployment too', async () => {
    seed([{ flow_ratio: 100 }]);
    const url = await healthEndpoint(() => 200);
    const step = canary({ canary_interval: '1h', health_url: url, github_token: 'ghs_post_step', github_deployment: 'true' });
    const env = { RELEASE_TEST_TIME_SCALE: '1', GITHUB_API_URL: emu.url };
    // The runner kills a step that outlives its cancel or the job's timeout: nothing runs after.
    const run = await runAction(step, env, (child) => void until(() => calls(SPLIT).length === 1).then(() => child.kill('SIGKILL')));
    expect(run.code).toBeNull();
    expect(serving()).toEqual({ 'shop-api-002': 10, 'shop-api-001': 90 });
    expect(JSON.parse(run.state.release)).toMatchObject({ origin: [['shop-api-001', 100]], service_name: 'shop-api' });

    const post = await runPostStep(step, run.state, env);
    expect(post.code, post.stdout).toBe(0);
    expect(serving()).toEqual({ 'shop-api-001': 100 });
    expect(post.stdout).toContain('Put the traffic of shop-api back on the split from before the release: shop-api-001 100%.');
    expect(post.summary).toContain('### Post step');
    const [deployment] = emu.github.deployments;
    expect(deployment.statuses.map((s) => s.state)).toEqual(['in_progress', 'failure']);
    expect(deployment.statuses[1].description).toContain('The main step did not finish');
  });

  it('leaves a split someone else set meanwhile to them, in the post step too', async () => {
    seed([{ flow_ratio: 100 }]);
    const url = await healthEndpoint(() => 200);
    const step = canary({ canary_interval: '1h', health_url: url });
    const run = await runAction(
      step,
      { RELEASE_TEST_TIME_SCALE: '1' },
      (child) => void until(() => calls(SPLIT).length === 1).then(() => child.kill('SIGKILL')),
    );
    // An operator splits the traffic evenly by hand before the post step runs.
    for (const v of emu.wechat.service(ENV, 'shop-api')!.versions) v.flow_ratio = 50;
    const post = await runPostStep(step, run.state);
    expect(post.code).toBe(0);
    expect(serving()).toEqual({ 'shop-api-001': 50, 'shop-api-002': 50 });
    expect(post.stdout).toContain('someone else moved it, so it is left as it is');
    expect(calls(SPLIT)).toHaveLength(1);
  });
});

describe('a failed revert', () => {
  it('fails with both errors, status revert_failed and the traffic_split that restores the split; the post step tries again', async () => {
    seed([{ flow_ratio: 70 }, { flow_ratio: 30 }]);
    const url = await healthEndpoint(() => 500);
    // The first split goes through; putting it back meets the daily quota.
    emu.faults.inject({
      match: 'setcspropotion',
      skip: 1,
      times: 1,
      reply: { status: 200, json: { errcode: 45009, errmsg: 'reach max api daily quota limit' } },
    });
    const step = canary({ canary_interval: '200ms', health_url: url });
    const run = await runJobInProcess(step);
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ status: 'revert_failed', version_name: 'shop-api-003' });
    expect(run.stdout).toContain('The canary of shop-api-003 was rolled back at 10%25: health_url check failed (HTTP 500)');
    expect(run.stdout).toContain('putting the traffic back failed too: componenttcb/setcspropotion failed: errcode 45009');
    expect(run.stdout).toContain('run operation: set-traffic with traffic_split: {"shop-api-001":70,"shop-api-002":30}');
    expect(serving()).toEqual({ 'shop-api-003': 10, 'shop-api-002': 27, 'shop-api-001': 63 });
    expect(run.summary).toContain('**Failed:**');
    const saved = JSON.parse(run.state.release) as { origin: [string, number][] };
    expect(Object.fromEntries(saved.origin)).toEqual({ 'shop-api-001': 70, 'shop-api-002': 30 });

    const post = await runPostStep(step, run.state);
    expect(post.code, post.stdout).toBe(0);
    expect(serving()).toEqual({ 'shop-api-001': 70, 'shop-api-002': 30 });
  });
});

describe('tokens', () => {
  it('a component token that dies mid-canary is renewed once and the call sent again', async () => {
    seed([{ flow_ratio: 100 }]);
    const url = await healthEndpoint((hit) => {
      if (hit === 1) emu.wechat.expireTokens();
      return 200;
    });
    const { access_token: _given, ...noToken } = canary({ canary_interval: '100ms', health_url: url });
    const run = await runJobInProcess({ ...noToken, access_token: '', ...EMULATOR_COMPONENT });
    expect(run.code, run.stdout).toBe(0);
    expect(calls('/cgi-bin/component/api_component_token')).toHaveLength(2);
    expect(run.stdout).toContain('WeChat refused the component_access_token: obtaining a new one and sending the call again.');
    expect(serving()).toEqual({ 'shop-api-002': 100 });
  });

  it('a given access_token that dies is not renewed: the canary fails and its revert says how to restore', async () => {
    seed([{ flow_ratio: 100 }]);
    const url = await healthEndpoint((hit) => {
      if (hit === 1) emu.wechat.expireTokens();
      return 200;
    });
    const run = await runJobInProcess(canary({ canary_interval: '100ms', health_url: url }));
    expect(run.code).toBe(1);
    expect(run.outputs.status).toBe('revert_failed');
    expect(run.stdout).toContain('errcode 42001 (access_token expired)');
    expect(run.stdout).toContain('traffic_split: shop-api-001=100');
  });

  it('warns at the start about a plan that outlives a given access_token', async () => {
    seed([{ flow_ratio: 100 }]);
    const run = await runJobInProcess(canary({ traffic: '10,50,100', canary_interval: '1h', poll_interval: '10m' }));
    expect(run.stdout).toContain('::warning::This deploy may take up to 7260.0s, longer than an access_token lives (2 hours)');
  });
});

describe('someone else moves the traffic', () => {
  it('mid-canary: the deploy stops without writing, fails with both splits, status aborted', async () => {
    seed([{ flow_ratio: 100 }]);
    const url = await healthEndpoint((hit) => {
      // An operator rolls back by hand during the canary.
      if (hit === 1) operatorSendsAllToOld();
      return 200;
    });
    const run = await runJobInProcess(canary({ canary_interval: '200ms', health_url: url }));
    expect(run.code).toBe(1);
    expect(run.outputs.status).toBe('aborted');
    // Noticed at the step's next check, or, when the checks are slow, before the 100% step.
    expect(run.stdout).toMatch(
      /The traffic split of shop-api changed under the action (while 10%25 went to shop-api-002|before the 100%25 step): expected shop-api-001 90%25, shop-api-002 10%25, found shop-api-001 100%25/,
    );
    expect(calls(SPLIT)).toHaveLength(1);
    expect(serving()).toEqual({ 'shop-api-001': 100 });
  });

  it('while the new version builds: the canary takes no step over the new split', async () => {
    seed([{ flow_ratio: 0 }, { flow_ratio: 100 }]);
    emu.wechat.rollout = { buildPolls: 2, deployPolls: 0, outcome: 'ok' };
    // The first read of the versions after the create: an operator sends everything to shop-api-001.
    emu.onRequest = (req) => {
      if (req.path === '/componenttcb/getcsversionlist' && calls(CREATE).length === 1) {
        emu.onRequest = undefined;
        operatorSendsAllToOld();
      }
    };
    const run = await runJobInProcess(canary());
    expect(run.code, run.stdout).toBe(1);
    expect(run.outputs.status).toBe('aborted');
    expect(run.stdout).toContain('The traffic split of shop-api changed under the action');
    expect(calls(SPLIT)).toHaveLength(0);
    expect(serving()).toEqual({ 'shop-api-001': 100 });
  });

  it('before the final promotion: a console change is never promoted over', async () => {
    seed([{ flow_ratio: 100 }]);
    const url = await healthEndpoint((hit) => {
      // The last check of the 10% step: right after it, the console sends everything back to the old version.
      if (hit === 2) operatorSendsAllToOld();
      return 200;
    });
    const run = await runJobInProcess(canary({ canary_interval: '100ms', health_url: url }));
    expect(run.code).toBe(1);
    expect(run.outputs.status).toBe('aborted');
    expect(run.stdout).toContain('The traffic split of shop-api changed under the action before the 100%25 step');
    expect(calls(SPLIT)).toHaveLength(1);
    expect(serving()).toEqual({ 'shop-api-001': 100 });
  });

  it('set-traffic never reports a split the platform does not hold', async () => {
    seed([{ flow_ratio: 100 }, {}]);
    emu.faults.inject({ match: 'setcspropotion', reply: { status: 200, json: { errcode: 0, errmsg: 'ok' } } });
    const run = await runJobInProcess(inputs({ operation: 'set-traffic', traffic_split: 'shop-api-001=50\nshop-api-002=50' }));
    expect(run.code).toBe(1);
    expect(run.outputs.status).not.toBe('traffic_set');
    expect(run.stdout).toContain(
      'shop-api does not hold the traffic split that was sent: sent shop-api-001 50%25, shop-api-002 50%25, found shop-api-001 100%25',
    );
  });
});

describe('an answer of errcode 0 that does not apply the split', () => {
  it('fails the canary step, which is then put back: never a canary health-checked on traffic it never had', async () => {
    seed([{ flow_ratio: 100 }]);
    let checks = 0;
    const url = await healthEndpoint(() => (checks++, 200));
    emu.faults.inject({ match: 'setcspropotion', reply: { status: 200, json: { errcode: 0, errmsg: 'ok' } } });
    const run = await runJobInProcess(canary({ canary_interval: '100ms', health_url: url }));
    expect(run.code).toBe(1);
    expect(run.outputs.status).toBe('rolled_back');
    expect(run.stdout).toContain(
      'shop-api does not hold the traffic split that was sent: sent shop-api-001 90%25, shop-api-002 10%25, found shop-api-001 100%25',
    );
    expect(checks).toBe(0);
    expect(serving()).toEqual({ 'shop-api-001': 100 });
  });
});

describe('choices right in the case they exist for', () => {
  it('plain rollback with a leftover canary goes back from the canary, to the version beside it', async () => {
    seed([{ flow_ratio: 0 }, { flow_ratio: 90 }, { flow_ratio: 10 }]);
    const run = await runJobInProcess(inputs({ operation: 'rollback' }));
    expect(run.code, run.stdout).toBe(0);
    expect(serving()).toEqual({ 'shop-api-002': 100 });
    expect(run.outputs).toMatchObject({ version_name: 'shop-api-002', status: 'traffic_set' });
  });

  it('a rolling deploy to a service where nothing serves ends with the new version at 100%', async () => {
    seed([{ flow_ratio: 0, status: 'build_fail' }]);
    const run = await runJobInProcess(inputs({ operation: 'deploy', image: IMAGE, poll_interval: '50ms' }));
    expect(run.code, run.stdout).toBe(0);
    expect(Object.values(serving())).toEqual([100]);
    expect(run.outputs.status).toBe('normal');
  });
});

describe('answers the platform documents', () => {
  it('a create answered "creating" without a version name: the version is found in the list, never created twice', async () => {
    seed([{ flow_ratio: 100 }]);
    emu.wechat.createAnswer = 'creating';
    const run = await runJobInProcess(canary({ traffic: '100' }));
    expect(run.code, run.stdout).toBe(0);
    expect(calls(CREATE)).toHaveLength(1);
    expect(run.outputs).toMatchObject({ version_name: 'shop-api-002', run_id: '', status: 'normal' });
    expect(serving()).toEqual({ 'shop-api-002': 100 });
  });

  it('a version status outside the known set never fails the list read, gets no traffic and is shown escaped', async () => {
    seed([{ flow_ratio: 0 }, { flow_ratio: 0, status: '已停止 <b>' }, { flow_ratio: 100 }]);
    const run = await runJobInProcess(inputs({ operation: 'rollback' }));
    expect(run.code, run.stdout).toBe(0);
    // The newest version before the serving one is unknown: rollback goes past it.
    expect(serving()).toEqual({ 'shop-api-001': 100 });
    const refused = await runJobInProcess(inputs({ operation: 'set-traffic', traffic_split: 'shop-api-002=100' }));
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('Version shop-api-002 of service shop-api is 已停止 <b>, not ready for traffic');
  });

  it('existence comes from getcslist: an empty version list for a missing service is not an empty service', async () => {
    emu.wechat.addEnv(ENV);
    emu.faults.inject({
      match: 'getcsversionlist',
      times: Infinity,
      reply: { status: 200, json: { errcode: 0, errmsg: 'ok', total: 0, items: [] } },
    });
    const run = await runJobInProcess(inputs({ operation: 'deploy', image: IMAGE }));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('for deploy to create it, set create_service: true');
    expect(calls(CREATE)).toHaveLength(0);
  });

  it('a release refused with errcode -1 because another runs is waited out, not taken for an unknown outcome', async () => {
    seed([{ flow_ratio: 100 }]);
    emu.faults.inject({
      match: 'rollupdatecloudbaserunserverversion',
      reply: { status: 200, json: { errcode: -1, errmsg: 'ResourceInUse: 当前已有部署发布任务运行中' } },
    });
    const run = await runJobInProcess(inputs({ operation: 'deploy', image: IMAGE, poll_interval: '50ms' }));
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('Another release of shop-api is running');
    expect(calls('/componenttcb/rollupdatecloudbaserunserverversion')).toHaveLength(2);
  });

  it("a new version copies the serving version's autoscaling and environment, and never sends rolling-only fields", async () => {
    seed([{ flow_ratio: 100, settings: { policy_type: 'mem', policy_threshold: 75, env_params: '{"MODE":"blue"}' } }]);
    const run = await runJobInProcess(
      canary({ traffic: '100', deploy_options: '{"is_rebuild": true, "rollback": false, "enable_union": true}' }),
    );
    expect(run.code, run.stdout).toBe(0);
    const body = JSON.parse(calls(CREATE)[0].body) as Record<string, unknown>;
    expect(body).toMatchObject({ policy_type: 'mem', policy_threshold: 75, env_params: '{"MODE":"blue"}', enable_union: true });
    expect(body).not.toHaveProperty('is_rebuild');
    expect(body).not.toHaveProperty('rollback');
  });

  it('min_num above the max_num copied from the serving version is refused before anything is created', async () => {
    seed([{ flow_ratio: 100, settings: { max_num: 2 } }]);
    const run = await runJobInProcess(canary({ min_num: '5' }));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('min_num 5 exceeds max_num 2 (max_num copied from shop-api-001)');
    expect(calls(CREATE)).toHaveLength(0);
  });
});

describe('time', () => {
  it('a step lasts canary_interval however slow the health answers are', async () => {
    seed([{ flow_ratio: 100 }]);
    let hits = 0;
    const url = await healthEndpoint(async () => {
      hits++;
      await new Promise((resolve) => setTimeout(resolve, 150));
      return 200;
    });
    const run: ActionRun = await runJobInProcess(canary({ canary_interval: '200ms', health_url: url }));
    expect(run.code, run.stdout).toBe(0);
    // Two watched steps of 200ms, checks due every 50ms but each taking 150ms: at most two a step.
    expect(hits).toBeLessThanOrEqual(4);
  });

  it('sends a User-Agent with every health check', async () => {
    seed([{ flow_ratio: 100 }]);
    const agents: string[] = [];
    const url = await healthEndpoint((_hit, headers) => (agents.push(String(headers['user-agent'])), 200));
    const run = await runJobInProcess(canary({ canary_interval: '50ms', health_url: url }));
    expect(run.code, run.stdout).toBe(0);
    expect(agents.length).toBeGreaterThan(0);
    for (const agent of agents) expect(agent).toMatch(/^cloudrun-release\/\d+\.\d+\.\d+ \(health check\)$/);
  });
});

describe('the command and the runner', () => {
  const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');
  const command = (args: string[], env: Record<string, string>, onSpawn: (child: ChildProcess) => void = () => {}) => {
    const child = spawn(process.execPath, ['--import', TEST_CLOCK, CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', CLOUDRUN_ACCESS_TOKEN: TOKEN, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    onSpawn(child);
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    return new Promise<{ code: number | null; stdout: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout })));
  };
  const deployArgs = (extra: string[]) => [
    'deploy',
    ...['--wechat-api-url', emu.url, '--env-id', ENV, '--service-name', 'shop-api', '--image', IMAGE],
    ...['--strategy', 'new-version', '--traffic', '10,100', '--poll-interval', '50ms', ...extra],
  ];

  it('the command exits 130 on Ctrl-C, after putting the canary back and saying what it did', async () => {
    seed([{ flow_ratio: 100 }]);
    const run = await command(
      deployArgs(['--canary-interval', '1h']),
      { RELEASE_TEST_TIME_SCALE: '1' },
      cancelWhen(() => calls(SPLIT).length === 1),
    );
    expect(run.code).toBe(130);
    expect(serving()).toEqual({ 'shop-api-001': 100 });
    expect(run.stdout).toContain('Cancelled (SIGINT) at the 10% step of shop-api-002');
    expect(run.stdout).toMatch(/== Summary\n## Deploy: shop-api/);
    expect(run.stdout).toMatch(/status=rolled_back/);
  });

  it('a closed stdout never aborts the work', async () => {
    seed([{ flow_ratio: 100 }]);
    const run = await command(deployArgs(['--canary-interval', '100ms']), {}, (child) =>
      child.stdout!.once('data', () => child.stdout!.destroy()),
    );
    expect(run.code).toBe(0);
    expect(serving()).toEqual({ 'shop-api-002': 100 });
  });

  it("a workflow's env cannot turn the test clock on in the shipped bundle", async () => {
    seed([{ flow_ratio: 100 }]);
    const step = await mkdtemp(join(tmpdir(), 'no-test-clock-'));
    const env = { PATH: process.env.PATH ?? '', RUNNER_TEMP: step, RELEASE_TEST_TIME_SCALE: '0' };
    for (const [name, value] of Object.entries(canary({ traffic: '10,100', canary_interval: '400ms' })))
      env[`INPUT_${name.toUpperCase()}` as 'PATH'] = value;
    const started = Date.now();
    const child = spawn(process.execPath, [join(import.meta.dirname, '..', '..', 'dist', 'index.js')], { env, stdio: 'ignore' });
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    // The 400ms step was waited out in real time: the variable alone changed nothing.
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    await rm(step, { recursive: true, force: true });
  });
});
