import { spawn } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../emulator/server.ts';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');
const TOKEN = 'tok_CLI_secret_value_91c2';
const ENV = 'prod-env-9x8y';
const IMAGE = 'ccr.ccs.tencentyun.com/shop/api:v2.0.1';

interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

let emu: Emulator;
let dir: string;
beforeEach(async () => {
  emu = await startEmulator();
  emu.wechat.tokens.add(TOKEN);
  emu.wechat.addService(ENV, 'shop-api', [{ image_url: 'ccr.ccs.tencentyun.com/shop/api:v2.0.0', flow_ratio: 100 }]);
  dir = await mkdtemp(join(tmpdir(), 'cli-test-'));
});
afterEach(async () => {
  await emu.close();
  await rm(dir, { recursive: true, force: true });
});

/** Runs the CLI bundle as a CI job would, with only the given environment (and PATH). */
async function cli(args: string[], env: Record<string, string> = {}, command = CLI): Promise<CliRun> {
  const child = spawn(process.execPath, [command, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: dir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr };
}

const wechat = () => ['--wechat-api-url', emu.url, '--env-id', ENV, '--service-name', 'shop-api'];
const withToken = { CLOUDRUN_ACCESS_TOKEN: TOKEN };
const noWorkflowCommands = (text: string) => expect(text).not.toMatch(/^::/m);

describe('cloudrun-release', () => {
  it('deploys, printing readable progress and the summary, with the token from the environment', async () => {
    const run = await cli(['deploy', ...wechat(), '--image', IMAGE, '--poll-interval', '200ms'], withToken);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(`== Rolling update of shop-api to ${IMAGE}`);
    expect(run.stdout).toContain('version shop-api-002 is normal');
    expect(run.stdout).toContain('== Summary\n## Deploy: shop-api');
    noWorkflowCommands(run.stdout);
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
    expect(emu.wechat.service(ENV, 'shop-api')!.versions.map((v) => v.image_url)).toEqual([IMAGE]);
    const [rollout] = emu.requests.filter((r) => r.path === '/componenttcb/rollupdatecloudbaserunserverversion');
    expect(rollout.query.get('access_token')).toBe(TOKEN);
  });

  it('--json prints only the result on stdout, the log on stderr', async () => {
    const run = await cli(['deploy', '--json', ...wechat(), '--image', IMAGE, '--poll-interval', '200ms'], withToken);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { outputs: Record<string, string> };
    expect(Object.keys(result)).toEqual(['operation', 'success', 'exit_code', 'outputs']);
    expect(result).toMatchObject({ operation: 'deploy', success: true, exit_code: 0 });
    expect(result.outputs).toMatchObject({ version_name: 'shop-api-002', status: 'normal', image_url: IMAGE, service_created: 'false' });
    expect(emu.wechat.runs.has(result.outputs.run_id)).toBe(true);
    expect(run.stderr).toContain('== Rolling update of shop-api');
    noWorkflowCommands(run.stderr);
  });

  it("--json reports a failure with the action's error, its hint and a non-zero exit code", async () => {
    const run = await cli(['deploy', '--json', ...wechat(), '--service-name', 'ghost', '--image', IMAGE], withToken);
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ operation: 'deploy', success: false, exit_code: 1, outputs: {} });
    expect(result.error).toContain('service ghost not exist');
    expect(result.error).toContain('set --create-service'); // the command's flag, not the action's input
    expect(run.stderr).toContain('error: ');
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });

  it('validates like the action: every bad input listed, nothing sent; INPUT_* variables around it are not inputs', async () => {
    const run = await cli(['deploy', '--wechat-api-url', emu.url, '--cpu', 'abc'], { ...withToken, INPUT_ENV_ID: ENV });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('error: Invalid inputs:');
    // Each named as the command takes it: a flag.
    for (const flag of ['--env-id', '--service-name', '--image', '--cpu']) expect(run.stdout).toContain(`\`${flag}\`: `);
    expect(emu.requests).toHaveLength(0);
  });

  it('prunes versions with inputs from an inputs file (both spellings), bare boolean flags and --json', async () => {
    emu.wechat.addService(ENV, 'web', [
      { version_name: 'web-001', created_time: new Date(Date.now() - 3e8) },
      { version_name: 'web-002', created_time: new Date(Date.now() - 2e8) },
      { version_name: 'web-003', created_time: new Date(Date.now() - 1e8), flow_ratio: 100 },
    ]);
    const file = join(dir, 'release.env');
    await writeFile(
      file,
      `# inputs for a local run\nCLOUDRUN_WECHAT_API_URL=${emu.url}\nCLOUDRUN_ACCESS_TOKEN="${TOKEN}"\nenv_id=${ENV}\nservice_name=web\nkeep_latest=1\n`,
    );

    const preview = await cli(['delete-versions', '--inputs-file', file, '--dry-run', '--json']);
    expect(preview.code, preview.stderr).toBe(0);
    expect(JSON.parse(preview.stdout).outputs).toMatchObject({ deleted_count: '0', deleted_versions: '[]' });
    expect(preview.stderr).toContain('Dry run: would delete 2 versions');
    expect(emu.wechat.service(ENV, 'web')!.versions).toHaveLength(3);

    const run = await cli(['delete-versions', '--inputs-file', file, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      success: true,
      outputs: { deleted_count: '2', deleted_versions: '["web-001","web-002"]' },
    });
    expect(emu.wechat.service(ENV, 'web')!.versions.map((v) => v.version_name)).toEqual(['web-003']);
    expect(preview.stdout + preview.stderr + run.stdout + run.stderr).not.toContain(TOKEN);
  });

  it('cleans containers with the AI token from the environment', async () => {
    const [a, b, keep] = emu.ai.addContainers(3).map((c) => c.id);
    const aiToken = emu.ai.issueToken();
    const run = await cli(['clean-containers', '--ai-api-url', emu.url, '--container_ids', `${a},${b}`, '--json'], {
      CLOUDRUN_AI_TOKEN: aiToken,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      operation: 'clean-containers',
      success: true,
      outputs: { deleted_count: '2', failed_count: '0' },
    });
    expect([a, b, keep].map((id) => emu.ai.containers.has(id))).toEqual([false, false, true]);
    expect(run.stdout + run.stderr).not.toContain(aiToken);
  });

  it('takes flags over the environment over the inputs file', async () => {
    const file = join(dir, '.env');
    await writeFile(file, `env_id=from-file\nwechat_api_url=${emu.url}\n`);
    const envIdSent = async (args: string[], env: Record<string, string>) => {
      emu.requests.length = 0;
      await cli(['delete-versions', '--inputs-file', file, '--service-name', 'shop-api', '--keep-latest', '1', '--dry-run', ...args], {
        ...withToken,
        ...env,
      });
      return JSON.parse(emu.requests[0].body).env;
    };
    expect(await envIdSent([], {})).toBe('from-file');
    expect(await envIdSent([], { CLOUDRUN_ENV_ID: 'from-env' })).toBe('from-env');
    expect(await envIdSent(['--env_id', 'from-flag'], { CLOUDRUN_ENV_ID: 'from-env' })).toBe('from-flag');
  });

  it('rejects an unknown flag, naming it and the closest input, before anything runs', async () => {
    const run = await cli(['deploy', '--json', ...wechat(), '--imag', IMAGE], withToken);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('error: unknown option --imag (did you mean --image?)\nRun cloudrun-release --help for usage.\n');
    expect(run.stdout).toBe('');
    expect(emu.requests).toHaveLength(0);
  });

  it('rejects an inputs file with a key that is not an input, and a missing inputs file', async () => {
    const file = join(dir, 'bad.env');
    await writeFile(file, `CLOUDRUN_ENVID=${ENV}\n`);
    const bad = await cli(['deploy', '--inputs-file', file]);
    expect(bad.code, bad.stderr).toBe(2);
    expect(bad.stderr).toContain(`${file}: CLOUDRUN_ENVID is not an input (did you mean CLOUDRUN_ENV_ID?)`);
    const missing = await cli(['deploy', '--inputs-file', join(dir, 'nope.env')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error: cannot read the inputs file: ENOENT: .*nope\.env/);
    expect(emu.requests).toHaveLength(0);
  });

  it('still takes --env-file, its old name, and says why it changed: Node reads that flag itself', async () => {
    const file = join(dir, 'ci.env');
    await writeFile(file, `CLOUDRUN_WECHAT_API_URL=${emu.url}\nenv_id=${ENV}\nservice_name=shop-api\nkeep_latest=1\n`);
    const run = await cli(['delete-versions', '--env-file', file, '--dry-run'], withToken);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('warning: --env-file is now --inputs-file: Node reads an --env-file argument itself');
    // Node checks a script's --env-file argument before the script starts (nodejs/node#54232):
    // a missing file stops it with exit code 9 and Node's own message, nothing of the command's.
    const sent = emu.requests.length;
    const missing = await cli(['delete-versions', '--env-file', join(dir, 'nope.env')]);
    expect(missing.code).toBe(9);
    expect(missing.stderr).toContain(`${join(dir, 'nope.env')}: not found`);
    expect(emu.requests).toHaveLength(sent);
  });

  it('warns about a secret on the command line and a CLOUDRUN_ variable that is not an input, and masks the secret', async () => {
    const run = await cli(['deploy', ...wechat(), '--image', IMAGE, '--access-token', TOKEN, '--poll-interval', '200ms'], {
      CLOUDRUN_SERVICENAME: 'x',
    });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain(
      'warning: --access-token on the command line shows in the process list and shell history; set CLOUDRUN_ACCESS_TOKEN instead',
    );
    expect(run.stdout).toContain('warning: CLOUDRUN_SERVICENAME is not an input (did you mean CLOUDRUN_SERVICE_NAME?); ignored');
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });

  it('--help lists the flags by operation and needs nothing else; <operation> --help only its own', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: cloudrun-release <operation>/);
    expect(run.stdout).toMatch(/\ndeploy: .*\n {2}--image IMAGE /);
    expect(run.stdout).toContain('\n  CLOUDRUN_ACCESS_TOKEN ');
    expect(run.stdout).not.toContain('--github-token');
    const one = await cli(['clean-containers', '--help']);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('\nclean-containers: ');
    expect(one.stdout).not.toContain('\ndeploy: ');
  });

  it('runs through a symlink, as npm installs the bin, and finds the action bundle', async () => {
    const link = join(dir, 'cloudrun-release');
    await symlink(CLI, link);
    const run = await cli(['clean-containers'], {}, link);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('error: Invalid inputs:');
  });
});
