import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../emulator/server.ts';
import { everythingShown, runAction } from '../../harness/run-action.ts';

const TOKEN = 'tok_github_test_3e1f';
const GITHUB_TOKEN = 'ghs_DISTINCTIVE_github_token_77';
const ENV = 'prod-env-gh';
const IMAGE = 'ccr.ccs.tencentyun.com/shop/api:v3.0.0';

let emu: Emulator;
let eventPath: string;
beforeEach(async () => {
  emu = await startEmulator();
  emu.wechat.tokens.add(TOKEN);
  emu.wechat.addService(ENV, 'shop-api', [{ image_url: 'ccr.ccs.tencentyun.com/shop/api:v2.0.0', flow_ratio: 100 }]);
  eventPath = join(await mkdtemp(join(tmpdir(), 'event-')), 'event.json');
  await writeFile(eventPath, JSON.stringify({ pull_request: { number: 12 } }));
});
afterEach(() => emu.close());

const githubEnv = (event = 'push') => ({ GITHUB_API_URL: emu.url, GITHUB_EVENT_NAME: event, GITHUB_EVENT_PATH: eventPath });
const deploy = (extra: Record<string, string>, event?: string) =>
  runAction(
    {
      operation: 'deploy',
      wechat_api_url: emu.url,
      access_token: TOKEN,
      env_id: ENV,
      service_name: 'shop-api',
      image: IMAGE,
      poll_interval: '20ms',
      github_token: GITHUB_TOKEN,
      ...extra,
    },
    githubEnv(event),
  );
const githubCalls = () => emu.requests.filter((r) => r.path.startsWith('/repos/'));

describe('GitHub Deployments', () => {
  it('records the deploy: created with its payload, then in_progress and success', async () => {
    const run = await deploy({ github_deployment: 'true', environment_url: 'https://shop.example.com', deactivate_previous: 'true' });
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
    const run = await runAction(
      {
        operation: 'rollback',
        wechat_api_url: emu.url,
        access_token: TOKEN,
        env_id: ENV,
        service_name: 'shop-api',
        github_deployment: 'true',
        github_token: GITHUB_TOKEN,
      },
      githubEnv(),
    );
    expect(run.code, run.stdout).toBe(0);
    const [deployment] = emu.github.deployments;
    expect(deployment.body).toMatchObject({ description: 'Roll shop-api back', payload: { env_id: ENV, service_name: 'shop-api' } });
    expect(deployment.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(run.outputs).toMatchObject({ version_name: 'shop-api-001', previous_version: 'shop-api-002' });
  });

  it('makes no GitHub call at all when the features are off', async () => {
    const run = await deploy({});
    expect(run.code, run.stdout).toBe(0);
    expect(githubCalls()).toHaveLength(0);
  });
});

describe('pull-request plan comment', () => {
  const preview = (extra: Record<string, string> = {}) => deploy({ pr_comment: 'true', dry_run: 'true', ...extra }, 'pull_request');

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
    const run = await runAction(
      {
        operation: 'set-traffic',
        wechat_api_url: emu.url,
        access_token: TOKEN,
        env_id: ENV,
        service_name: 'shop-api',
        traffic_split: 'shop-api-001=90\nshop-api-002=10',
        dry_run: 'true',
        pr_comment: 'true',
        github_token: GITHUB_TOKEN,
      },
      githubEnv('pull_request'),
    );
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
    const run = await runAction(
      {
        operation: 'delete-versions',
        wechat_api_url: emu.url,
        access_token: TOKEN,
        env_id: ENV,
        service_name: 'shop-api',
        keep_latest: '2',
        dry_run: 'true',
        pr_comment: 'true',
        github_token: GITHUB_TOKEN,
      },
      githubEnv('pull_request'),
    );
    expect(run.code, run.stdout).toBe(0);
    const [comment] = emu.github.comments;
    expect(comment.body).toContain('<!-- cloudrun-release plan: delete-versions prod-env-gh/shop-api -->');
    expect(comment.body).toMatch(/would delete|dry run/i);
  });
});

it('rejects github_deployment on an operation other than deploy, before any call', async () => {
  const run = await runAction({
    operation: 'delete-versions',
    wechat_api_url: emu.url,
    access_token: TOKEN,
    env_id: ENV,
    service_name: 'shop-api',
    keep_latest: '2',
    github_deployment: 'true',
    github_token: GITHUB_TOKEN,
  });
  expect(run.code).toBe(1);
  expect(run.stdout).toContain('`github_deployment`: only applies to operations deploy, rollback, set-traffic');
  expect(emu.requests).toHaveLength(0);
});
