import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../emulator/server.ts';
import { everythingShown, runAction, runJobInProcess } from '../../harness/run-action.ts';

const TOKEN = 'tok_github_test_3e1f';
const GITHUB_TOKEN = 'ghs_DISTINCTIVE_github_token_77';
const ENV = 'prod-env-gh';
const IMAGE = 'ccr.ccs.tencentyun.com/shop/api:v3.0.0';

const MARKER = '<!-- cloudrun-release plan: deploy prod-env-gh/shop-api -->';

let emu: Emulator;
let eventPath: string;
beforeEach(async () => {
  emu = await startEmulator();
  emu.wechat.tokens.add(TOKEN);
  emu.wechat.addService(ENV, 'shop-api', [{ image_url: 'ccr.ccs.tencentyun.com/shop/api:v2.0.0', flow_ratio: 100 }]);
  eventPath = join(await mkdtemp(join(tmpdir(), 'event-')), 'event.json');
  await writeEvent({ pull_request: { number: 12 } });
});
afterEach(() => emu.close());

const githubEnv = (event = 'push') => ({ GITHUB_API_URL: emu.url, GITHUB_EVENT_NAME: event, GITHUB_EVENT_PATH: eventPath });
/** One operation on shop-api with a GitHub token, as a workflow run of `event` would start it. */
const step = (operation: string, extra: Record<string, string>, event?: string, run = runJobInProcess) =>
  run(
    {
      operation,
      wechat_api_url: emu.url,
      access_token: TOKEN,
      env_id: ENV,
      service_name: 'shop-api',
      github_token: GITHUB_TOKEN,
      ...extra,
    },
    githubEnv(event),
  );
const deploy = (extra: Record<string, string>, event?: string, run = runJobInProcess) =>
  step('deploy', { image: IMAGE, poll_interval: '20ms', ...extra }, event, run);
/** The plan of a dry run, commented on the pull request. */
const preview = (extra: Record<string, string> = {}, event = 'pull_request', operation = 'deploy') =>
  operation === 'deploy'
    ? deploy({ pr_comment: 'true', dry_run: 'true', ...extra }, event)
    : step(operation, { pr_comment: 'true', dry_run: 'true', ...extra }, event);
const githubCalls = () => emu.requests.filter((r) => r.path.startsWith('/repos/') || r.path === '/user');
const writeEvent = (payload: unknown) => writeFile(eventPath, JSON.stringify(payload));
const statusCalls = () => emu.requests.filter((r) => r.path.endsWith('/statuses'));
const warnings = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('::warning::'));

describe('GitHub Deployments', () => {
  it('records the deploy: created with its payload, then in_progress and success', async () => {
    const run = await deploy(
      { github_deployment: 'true', environment_url: 'https://shop.example.com', deactivate_previous: 'true' },
      undefined,
      runAction,
    );
    expect(run.code, run.stdout).toBe(0);
    const [deployment] = emu.github.deployments;
    expect(deployment.body).toMatchObject({
      ref: '0123456789abcdef0123456789abcdef01234567',
      environment: ENV,
      auto_merge: false,
      required_contexts: [],
      payload: { env_id: ENV, service_name: 'shop-api', image: IMAGE },
    });
    expect(deployment.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(deployment.statuses[1]).toMatchObject({
      log_url: 'https://github.com/octo-org/shop-api/actions/runs/9000',
      environment_url: 'https://shop.example.com',
      auto_inactive: true,
    });
    expect(run.outputs.deployment_id).toBe(String(deployment.id));
    expect(emu.github.authorizations.every((a) => a === `token ${GITHUB_TOKEN}`)).toBe(true);
    expect(everythingShown(run)).not.toContain(GITHUB_TOKEN);
  });

  it('uses github_environment when given, and marks a failed rollout as failure', async () => {
    emu.wechat.rollout = { buildPolls: 0, deployPolls: 0, outcome: 'build_fail' };
    const run = await deploy({ github_deployment: 'true', github_environment: 'production' });
    expect(run.code).toBe(1);
    const [deployment] = emu.github.deployments;
    expect(deployment.body.environment).toBe('production');
    expect(deployment.statuses.map((s) => s.state)).toEqual(['in_progress', 'failure']);
    expect(String(deployment.statuses[1].description)).toMatch(/build_fail/);
    expect(deployment.statuses[1].auto_inactive).toBe(false);
  });

  it('turns a 403 into a warning naming the permission, and still deploys', async () => {
    emu.faults.inject({ match: '/deployments', reply: { status: 403, json: { message: 'Resource not accessible by integration' } } });
    const run = await deploy({ github_deployment: 'true' });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain(
      '::warning::GitHub deployment not recorded: the token lacks permission (HTTP 403): add "deployments: write"',
    );
    expect(run.outputs.deployment_id).toBeUndefined();
    expect(run.outputs.status).toBe('normal');
  });

  it('records a rollback too, with the service as its payload', async () => {
    const service = emu.wechat.service(ENV, 'shop-api')!;
    service.versions[0].created_time = new Date(Date.now() - 86_400_000);
    emu.wechat.addVersion(service, { image_url: IMAGE, flow_ratio: 0 });
    service.versions[0].flow_ratio = 0;
    service.versions[1].flow_ratio = 100;
    const run = await step('rollback', { github_deployment: 'true' });
    expect(run.code, run.stdout).toBe(0);
    const [deployment] = emu.github.deployments;
    expect(deployment.body).toMatchObject({ description: 'Roll shop-api back', payload: { env_id: ENV, service_name: 'shop-api' } });
    expect(deployment.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(run.outputs).toMatchObject({ version_name: 'shop-api-001', previous_version: 'shop-api-002' });
  });

  it('records no Deployment for a dry run, which changes nothing', async () => {
    const run = await deploy({ github_deployment: 'true', deactivate_previous: 'true', dry_run: 'true' });
    expect(run.code, run.stdout).toBe(0);
    expect(emu.github.deployments).toEqual([]);
    expect(githubCalls()).toEqual([]);
    expect(run.outputs.deployment_id).toBeUndefined();
    expect(run.stdout).toContain('Dry run: no GitHub Deployment is recorded.');
  });

  it('makes no GitHub call at all when the features are off', async () => {
    const run = await deploy({});
    expect(run.code, run.stdout).toBe(0);
    expect(githubCalls()).toHaveLength(0);
  });
});

describe('pull-request plan comment', () => {
  it('posts the plan once, then updates the same comment', async () => {
    const first = await preview();
    expect(first.code, first.stdout).toBe(0);
    expect(emu.github.comments).toHaveLength(1);
    const [comment] = emu.github.comments;
    expect(comment.issue).toBe(12);
    expect(comment.body).toContain('<!-- cloudrun-release plan: deploy prod-env-gh/shop-api -->');
    expect(comment.body).toContain('Deploy (dry run)');
    expect(comment.body).toContain(IMAGE);
    expect(first.outputs.comment_url).toBe(comment.html_url);

    const second = await preview({ image: 'ccr.ccs.tencentyun.com/shop/api:v3.0.1' });
    expect(second.code).toBe(0);
    expect(emu.github.comments).toHaveLength(1);
    expect(emu.github.comments[0].body).toContain('shop/api:v3.0.1');
    expect(emu.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
  });

  it('keeps one comment per operation and target', async () => {
    emu.wechat.addService(ENV, 'other-svc', [{ flow_ratio: 100 }]);
    await preview();
    await preview({ service_name: 'other-svc' });
    expect(emu.github.comments).toHaveLength(2);
  });

  it('posts nothing outside a pull_request event', async () => {
    const run = await deploy({ pr_comment: 'true', dry_run: 'true' }, 'push');
    expect(run.code).toBe(0);
    expect(githubCalls()).toHaveLength(0);
    expect(run.stdout).toContain('not a pull request; no comment posted');
  });

  it('warns with the missing permission when commenting is forbidden', async () => {
    emu.faults.inject({ match: '/comments', reply: { status: 403, json: { message: 'Resource not accessible by integration' } } });
    const run = await preview();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('add "pull-requests: write"');
  });

  it('comments the plan of set-traffic, with the split before and after', async () => {
    emu.wechat.addVersion(emu.wechat.service(ENV, 'shop-api')!, { image_url: IMAGE, flow_ratio: 0 });
    const run = await preview({ traffic_split: 'shop-api-001=90\nshop-api-002=10' }, 'pull_request', 'set-traffic');
    expect(run.code, run.stdout).toBe(0);
    const [comment] = emu.github.comments;
    expect(comment.body).toContain('<!-- cloudrun-release plan: set-traffic prod-env-gh/shop-api -->');
    expect(comment.body).toContain('## Set traffic (dry run): shop-api');
    expect(comment.body).toContain('Traffic split before: shop-api-001 100%');
    expect(comment.body).toContain('Traffic split: shop-api-001 90%, shop-api-002 10%');
    expect(emu.requests.filter((r) => r.path === '/componenttcb/setcspropotion')).toHaveLength(0);
  });

  it('comments the plan of delete-versions, with what would be deleted and why', async () => {
    const service = emu.wechat.service(ENV, 'shop-api')!;
    for (let i = 0; i < 3; i++) emu.wechat.addVersion(service, { created_time: new Date(Date.now() - (10 - i) * 86_400_000) });
    const run = await preview({ keep_latest: '2' }, 'pull_request', 'delete-versions');
    expect(run.code, run.stdout).toBe(0);
    const [comment] = emu.github.comments;
    expect(comment.body).toContain('<!-- cloudrun-release plan: delete-versions prod-env-gh/shop-api -->');
    expect(comment.body).toMatch(/would delete|dry run/i);
  });

  it('comments the whole plan of delete-versions over a pattern of services', async () => {
    const day = 86_400_000;
    for (const name of ['shop-api', 'shop-web', 'legacy-api']) {
      const service = emu.wechat.service(ENV, name) ?? emu.wechat.addService(ENV, name, [{ flow_ratio: 100 }]);
      for (let i = 0; i < 2; i++) emu.wechat.addVersion(service, { created_time: new Date(Date.now() - (10 - i) * day) });
    }
    const run = await preview({ service_name: '*, !legacy-*', keep_latest: '1' }, 'pull_request', 'delete-versions');
    expect(run.code, run.stdout).toBe(0);
    const [comment] = emu.github.comments;
    expect(comment.body).toContain('<!-- cloudrun-release plan: delete-versions prod-env-gh/*, !legacy-* -->');
    expect(comment.body).toContain('## Delete versions (dry run): &#42;, !legacy-&#42;');
    expect(comment.body).toContain('| Total | 4 | 0 | 0 | 0 |  |');
    for (const version of ['shop-api-002', 'shop-api-003', 'shop-web-002', 'shop-web-003'])
      expect(comment.body).toContain(`| ${version} | would delete |  |`);
    expect(comment.body).not.toContain('legacy-api-');
    expect(emu.requests.filter((r) => r.path.endsWith('/deletecloudbaserunserverversion'))).toHaveLength(0);
  });
});

it('rejects github_deployment on an operation other than deploy, before any call', async () => {
  const run = await step('delete-versions', { keep_latest: '2', github_deployment: 'true' });
  expect(run.code).toBe(1);
  expect(run.stdout).toContain('`github_deployment`: only applies to operations deploy, rollback, set-traffic');
  expect(emu.requests).toHaveLength(0);
});

describe('when GitHub fails, the release goes on and the warning says what was recorded', () => {
  const serverError = { status: 502, json: { message: 'Server Error' } };

  it('retries a status call that failed with a 502 once', async () => {
    emu.faults.inject({ match: '/statuses', reply: serverError });
    const run = await deploy({ github_deployment: 'true' });
    expect(run.code, run.stdout).toBe(0);
    const [deployment] = emu.github.deployments;
    expect(deployment.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(statusCalls()).toHaveLength(3);
    expect(warnings(run.stdout)).toEqual([]);
    expect(run.outputs.deployment_id).toBe(String(deployment.id));
  });

  it('marks the deployment error when its final status keeps failing, and says so', async () => {
    // request_timeout 1s and retry_budget 3s leave room for one retry of each call.
    emu.faults.inject({ match: '/statuses', skip: 1, times: 2, reply: serverError });
    const run = await deploy({ github_deployment: 'true', request_timeout: '1s', retry_budget: '3s' });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.status).toBe('normal');
    const [deployment] = emu.github.deployments;
    expect(deployment.statuses.map((s) => s.state)).toEqual(['in_progress', 'error']);
    expect(String(deployment.statuses[1].description)).toContain('the release itself succeeded');
    expect(statusCalls()).toHaveLength(4);
    expect(warnings(run.stdout)).toEqual([
      `::warning::GitHub deployment ${deployment.id}: its success status was not set (HTTP 502: Server Error); marked it error instead, the release itself succeeded.`,
    ]);
    expect(run.outputs.deployment_id).toBe(String(deployment.id));
  });

  it('keeps the deployment id and says which statuses are missing when every status call fails', async () => {
    emu.faults.inject({ match: '/statuses', times: 10, reply: serverError });
    const run = await deploy({ github_deployment: 'true', retry_budget: '0s' });
    expect(run.code, run.stdout).toBe(0);
    const [deployment] = emu.github.deployments;
    expect(deployment.statuses).toEqual([]);
    expect(statusCalls()).toHaveLength(3); // in_progress, success, then error: no retries within a zero budget
    expect(warnings(run.stdout)).toEqual([
      `::warning::GitHub deployment ${deployment.id} recorded, but its in_progress status was not set: HTTP 502: Server Error`,
      `::warning::GitHub deployment ${deployment.id}: its success status was not set (HTTP 502: Server Error), nor error (HTTP 502: Server Error); it has no final status on GitHub, the release itself succeeded.`,
    ]);
    expect(run.outputs.deployment_id).toBe(String(deployment.id));
  });

  it('says a deployment GitHub answered with a 5xx may exist, rather than that it was not recorded', async () => {
    emu.faults.inject({ match: '/deployments', times: 10, reply: serverError });
    const run = await deploy({ github_deployment: 'true', retry_budget: '0s' });
    expect(run.code, run.stdout).toBe(0);
    expect(warnings(run.stdout)).toEqual([
      '::warning::GitHub deployment not confirmed (GitHub may have created it, without a status): HTTP 502: Server Error',
    ]);
    expect(run.outputs.deployment_id).toBeUndefined();
  });

  it('gives up on a silent statuses endpoint after request_timeout, not undici’s 300 s', async () => {
    emu.faults.inject({ match: '/statuses', times: 10, delayMs: 8_000 });
    const started = Date.now();
    const run = await deploy({ github_deployment: 'true', request_timeout: '1s', retry_budget: '0s' });
    const took = Date.now() - started;
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.status).toBe('normal');
    expect(statusCalls()).toHaveLength(3);
    const shown = warnings(run.stdout).join('\n');
    expect(shown).toContain('in_progress status was not set: no answer within request_timeout (1.0s)');
    expect(shown).toContain('it has no final status on GitHub');
    // Three calls of 1 s each, writes 1 s apart, start-up: far below the 8 s the endpoint stays silent.
    expect(took).toBeLessThan(7_500);
  });

  const rateLimited = (resetInS: number) => ({
    status: 403,
    json: { message: 'API rate limit exceeded for installation ID 1.' },
    headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + resetInS) },
  });

  it('reads a 403 with x-ratelimit-remaining 0 as the rate limit, not a missing permission', async () => {
    emu.faults.inject({ match: '/deployments', reply: rateLimited(3600) });
    const run = await deploy({ github_deployment: 'true' });
    expect(run.code, run.stdout).toBe(0);
    const [warning] = warnings(run.stdout);
    expect(warning).toMatch(
      /^::warning::GitHub deployment not recorded: GitHub's API rate limit for this token is used up \(HTTP 403\); it resets at \d{4}-/,
    );
    expect(warning).toContain('would exceed retry_budget');
    expect(warning).not.toContain('permission');
    expect(emu.github.deployments).toHaveLength(0);
  });

  it('waits for the rate limit to reset when that fits in retry_budget', async () => {
    emu.faults.inject({ match: '/deployments', reply: rateLimited(0) });
    const run = await deploy({ github_deployment: 'true' });
    expect(run.code, run.stdout).toBe(0);
    expect(warnings(run.stdout)).toEqual([]);
    expect(emu.github.deployments[0].statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
  });
});

it('honours Retry-After on a secondary rate limit, and retries it once', async () => {
  emu.faults.inject({
    match: '/comments',
    method: 'POST',
    reply: { status: 403, json: { message: 'You have exceeded a secondary rate limit.' }, headers: { 'retry-after': '1' } },
  });
  const run = await deploy({ pr_comment: 'true', dry_run: 'true' }, 'pull_request');
  expect(run.code, run.stdout).toBe(0);
  expect(run.stdout).toContain('GitHub secondary rate limit reached; retrying in 1s as GitHub asks.');
  expect(emu.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/comments'))).toHaveLength(2);
  expect(emu.github.comments).toHaveLength(1);
  expect(warnings(run.stdout)).toEqual([]);
});

describe('pull-request plan comment, sticky under failures and races', () => {
  it('tells a fork pull request that its token is read-only, without advice to add permissions', async () => {
    await writeEvent({
      pull_request: {
        number: 12,
        head: { repo: { fork: true, full_name: 'someone/shop-api' } },
        base: { repo: { full_name: 'octo-org/shop-api' } },
      },
    });
    emu.faults.inject({ match: '/comments', reply: { status: 403, json: { message: 'Resource not accessible by integration' } } });
    const run = await preview();
    expect(run.code, run.stdout).toBe(0);
    expect(warnings(run.stdout)).toEqual([
      '::warning::GitHub comment not posted: HTTP 403: a pull request from a fork gets a read-only token, so this run cannot write to GitHub (the release itself is not affected)',
    ]);
  });

  it('keeps one comment when two runs post at the same time', async () => {
    // Both runs list the comments before either has posted: the race a concurrency group avoids.
    emu.faults.inject({ match: '/comments', method: 'GET', times: 2, delayMs: 2_500, afterHandling: true });
    const [first, second] = await Promise.all([preview(), preview({ image: 'ccr.ccs.tencentyun.com/shop/api:v3.0.1' })]);
    expect(first.code, first.stdout).toBe(0);
    expect(second.code, second.stdout).toBe(0);
    expect(emu.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/comments'))).toHaveLength(2);
    expect(emu.github.comments).toHaveLength(1);
    const [kept] = emu.github.comments;
    expect(first.outputs.comment_url).toBe(kept.html_url);
    expect(second.outputs.comment_url).toBe(kept.html_url);
    expect(warnings(first.stdout + second.stdout)).toEqual([]);
  });

  it('updates only a comment its own identity wrote, the oldest, and deletes the other copies', async () => {
    const PAT = 'ghp_personal_token_of_release_bot_5';
    emu.github.users.set(PAT, 'release-bot');
    const mallory = emu.github.addComment(12, `${MARKER}\nfake plan`, 'mallory');
    const oldest = emu.github.addComment(12, `${MARKER}\nold plan`, 'release-bot');
    const stale = emu.github.addComment(12, `${MARKER}\nstale plan`, 'release-bot');
    const run = await preview({ github_token: PAT });
    expect(run.code, run.stdout).toBe(0);
    expect(emu.github.comments.map((c) => c.id)).toEqual([mallory.id, oldest.id]);
    expect(mallory.body).toBe(`${MARKER}\nfake plan`);
    expect(oldest.body).toContain(IMAGE);
    expect(run.outputs.comment_url).toBe(oldest.html_url);
    expect(emu.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
      `/repos/octo-org/shop-api/issues/comments/${stale.id}`,
    ]);
  });

  it('does not take over a comment someone else wrote with the marker', async () => {
    const mallory = emu.github.addComment(12, `${MARKER}\nfake plan`, 'mallory');
    const run = await preview();
    expect(run.code, run.stdout).toBe(0);
    expect(emu.github.comments).toHaveLength(2);
    expect(mallory.body).toBe(`${MARKER}\nfake plan`);
    expect(emu.github.comments[1].user.login).toBe('github-actions[bot]');
  });

  it('posts on pull_request_target too', async () => {
    const run = await preview({}, 'pull_request_target');
    expect(run.code, run.stdout).toBe(0);
    expect(emu.github.comments).toHaveLength(1);
  });
});

it('refuses an environment_url with a user name or password, without showing them', async () => {
  const run = await deploy({ github_deployment: 'true', environment_url: 'https://deployer:hunter2pw@shop.example.com' });
  expect(run.code).toBe(1);
  expect(run.stdout).toContain('`environment_url`: must not contain a user name or password');
  expect(everythingShown(run)).not.toContain('hunter2pw');
  expect(emu.requests).toHaveLength(0);
});
