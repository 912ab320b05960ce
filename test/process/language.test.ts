import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../emulator/server.ts';
import { runAction, runJobInProcess } from '../../harness/run-action.ts';

// language: zh-CN, end to end: the runner's log, the job summary, the pull-request comment and the
// Deployment speak Chinese; input names, errcodes, status words, outputs and what the platform
// answered stay as they are. The command takes Chinese from a zh_CN locale.

const TOKEN = 'tok_language_test_5c2e';
const ENV = 'prod-env-zh';
const IMAGE = 'ccr.ccs.tencentyun.com/shop/api:v2.0.1';
const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');

let emu: Emulator;
let dir: string;
beforeEach(async () => {
  emu = await startEmulator();
  emu.wechat.tokens.add(TOKEN);
  emu.wechat.addService(ENV, 'shop-api', [{ image_url: 'ccr.ccs.tencentyun.com/shop/api:v2.0.0', flow_ratio: 100 }]);
  dir = await mkdtemp(join(tmpdir(), 'language-test-'));
});
afterEach(async () => {
  await emu.close();
  await rm(dir, { recursive: true, force: true });
});

const deploy = (extra: Record<string, string> = {}) => ({
  operation: 'deploy',
  language: 'zh-CN',
  wechat_api_url: emu.url,
  access_token: TOKEN,
  env_id: ENV,
  service_name: 'shop-api',
  image: IMAGE,
  poll_interval: '20ms',
  ...extra,
});
/** The runner shows a multi-line error as one command: its lines joined by %0A. */
const errorLines = (stdout: string) =>
  stdout
    .split('\n')
    .filter((line) => line.startsWith('::error::'))
    .flatMap((line) => line.slice('::error::'.length).split('%0A'));

describe('language: zh-CN', () => {
  it('says every input problem in Chinese, input names as they are', async () => {
    const run = await runAction({
      operation: 'deploy',
      language: 'zh-CN',
      env_id: 'bad id',
      image: 'shop:v1',
      traffic: '10',
      wait: 'false',
    });
    expect(run.code).toBe(1);
    expect(errorLines(run.stdout)).toEqual([
      '输入有误：',
      '  - `env_id`：必须是环境 ID，例如 prod-4gxk23no5605e14f（字母、数字、_ 和 -）',
      '  - `access_token`：必填：请提供 access_token，或 component_appid + component_appsecret + component_verify_ticket',
      '  - `service_name`：deploy 操作必须提供',
      '  - `image`："shop:v1" 没有镜像仓库地址；请给出完整的镜像地址，例如 ccr.ccs.tencentyun.com/ns/repo:tag',
      '  - `traffic`：需要 `wait: true`（流量分配要等新版本就绪后才设置）',
    ]);
  });

  it('names the language input when it is not one, in English', async () => {
    const run = await runAction({ operation: 'rollback', language: 'zh-TW' });
    expect(run.code).toBe(1);
    expect(errorLines(run.stdout)).toContain('  - `language`: expected one of en, zh-CN, got "zh-TW"');
  });

  it('says an API error in Chinese with its hint and the Chinese troubleshooting row; the errcode and errmsg stay', async () => {
    emu.faults.inject({ match: 'rollupdate', reply: { status: 200, json: { errcode: 40097, errmsg: 'invalid args: from the emulator' } } });
    const run = await runJobInProcess(deploy());
    expect(run.code).toBe(1);
    const [error, hint] = errorLines(run.stdout);
    expect(error).toBe(
      'componenttcb/rollupdatecloudbaserunserverversion 调用失败：errcode 40097（参数错误）：invalid args: from the emulator',
    );
    expect(hint).toBe(
      '提示：某个参数被拒绝：检查 env_id、service_name、version_name 以及部署设置' +
        '（详见 https://github.com/cloudrun-release/cloudrun-release/blob/HEAD/docs/troubleshooting.zh-CN.md#wechat-40097）',
    );
    expect(run.summary).toContain('\n**失败：**componenttcb/rollupdatecloudbaserunserverversion 调用失败：errcode 40097（参数错误）');
  });

  it('writes the log headings and the summary in Chinese; status words and outputs stay as they are', async () => {
    const run = await runJobInProcess(deploy({ traffic: '100' }));
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain(`::group::滚动更新 shop-api 到 ${IMAGE}\n`);
    expect(run.stdout).toMatch(/^::group::等待 shop-api 的新版本（超时 600.0s）$/m);
    expect(run.stdout).toMatch(/^.*：版本 shop-api-002 的状态为 normal$/m);
    expect(run.summary).toContain('## 部署：shop-api\n');
    expect(run.summary).toContain('| 服务 | 环境 | 策略 | 镜像 | 版本 | 之前的版本 | Run ID | 新建服务 | 状态 | 耗时 |');
    expect(run.summary).toMatch(/\| shop-api \| prod-env-zh \| rolling \| .* \| shop-api-002 \| shop-api-001 \| \S+ \| 否 \| normal \| /);
    expect(run.summary).toContain('### 发布结果：ready');
    expect(run.summary).toContain('流量分配：shop-api-002 100%');
    expect(run.outputs).toMatchObject({ status: 'normal', version_name: 'shop-api-002', service_created: 'false' });
  });

  it('comments on the pull request and records the Deployment in Chinese', async () => {
    const eventPath = join(dir, 'event.json');
    await writeFile(eventPath, JSON.stringify({ pull_request: { number: 7 } }));
    const run = await runJobInProcess(deploy({ github_token: 'ghs_language_test', github_deployment: 'true', pr_comment: 'true' }), {
      GITHUB_API_URL: emu.url,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventPath,
    });
    expect(run.code, run.stdout).toBe(0);
    const [comment] = emu.github.comments;
    expect(comment.body).toContain('<!-- cloudrun-release plan: deploy prod-env-zh/shop-api -->');
    expect(comment.body).toContain('## 部署：shop-api');
    expect(comment.body).toContain('来自[工作流运行 42](https://github.com/octo-org/shop-api/actions/runs/9000)，每次运行都会更新。');
    const [deployment] = emu.github.deployments;
    expect(deployment.body.description).toBe(`把 ${IMAGE} 部署到 shop-api`);
    expect(deployment.statuses.map((s) => s.description)).toEqual(['发布中', '已发布 shop-api-002']);
  });
});

describe('the command', () => {
  const cli = async (args: string[], env: Record<string, string>) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: dir, CLOUDRUN_ACCESS_TOKEN: TOKEN, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    return { code, stdout };
  };
  const rollback = ['rollback', '--wechat-api-url', '', '--env-id', ENV, '--service-name', 'shop-api', '--dry-run'];

  it('speaks Chinese in a zh_CN locale, unless --language says otherwise', async () => {
    const args = rollback.map((arg) => (arg === '' ? emu.url : arg));
    const zh = await cli(args, { LANG: 'zh_CN.UTF-8' });
    expect(zh.code, zh.stdout).toBe(1);
    expect(zh.stdout).toContain(
      '错误: 服务 shop-api 没有比 shop-api-001（承接 100% 流量）更早的就绪版本可以回滚\n  提示：请在 --rollback-to 中指定',
    );
    expect(zh.stdout).toContain('== 摘要\n## 回滚（试运行）：shop-api');
    const en = await cli([...args, '--language', 'en'], { LANG: 'zh_CN.UTF-8' });
    expect(en.stdout).toContain('error: Service shop-api has no ready version older than shop-api-001 (which serves 100%) to roll back to');
  });
});
