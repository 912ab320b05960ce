// npm run demo: the bundled action, run as the command (dist/cli.js: the same bundle as
// dist/index.js, with a terminal in place of the runner), against the local emulator of both
// platforms. It prints what a person reads: each step's log, its summary and outputs. No account
// needed. The steps: a blue/green release, a dry run of a prune, the prune, a failure and its
// hint, and a container cleanup.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { EMULATOR_AI_USER } from '../emulator/ai.ts';
import { startEmulator } from '../emulator/server.ts';
import { EMULATOR_COMPONENT } from '../emulator/wechat.ts';

const CLI = join(import.meta.dirname, '..', 'dist', 'cli.js');
const DAY = 86_400_000;
const emulator = await startEmulator();
const env_id = 'demo-env-1a2b3c';

// A service with four releases behind it, the newest serving; a release takes a few polls.
emulator.wechat.addService(
  env_id,
  'shop-api',
  [30, 20, 10, 5].map((daysAgo, i) => ({
    image_url: `ccr.ccs.tencentyun.com/demo/shop-api:v1.${i}.0`,
    created_time: new Date(Date.now() - daysAgo * DAY),
    flow_ratio: i === 3 ? 100 : 0,
  })),
);
emulator.wechat.rollout = { buildPolls: 2, deployPolls: 2, outcome: 'ok' };
// Finished and failed training jobs left behind on the AI platform, and some still running.
emulator.ai.addContainers(40, { status: 'Terminated' });
emulator.ai.addContainers(8, { status: 'Failed' });
emulator.ai.addContainers(3, { status: 'Running' });

// Secrets travel as CLOUDRUN_* variables, as in a CI job: never as flags.
const secrets = {
  CLOUDRUN_COMPONENT_APPID: EMULATOR_COMPONENT.component_appid,
  CLOUDRUN_COMPONENT_APPSECRET: EMULATOR_COMPONENT.component_appsecret,
  CLOUDRUN_COMPONENT_VERIFY_TICKET: EMULATOR_COMPONENT.component_verify_ticket,
  CLOUDRUN_AI_USER: EMULATOR_AI_USER.ai_user,
  CLOUDRUN_AI_ACCESS_KEY: EMULATOR_AI_USER.ai_access_key,
  CLOUDRUN_AI_SECRET_KEY: EMULATOR_AI_USER.ai_secret_key,
};
const wechat = ['--wechat-api-url', emulator.url, '--env-id', env_id, '--service-name', 'shop-api'];

/** Runs one command as a person would type it, its output straight to this terminal. */
async function step(title: string, args: string[]): Promise<number> {
  console.log(`\n\n######## ${title}\n$ cloudrun-release ${args.join(' ').replaceAll(emulator.url, '$EMULATOR')}\n`);
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH, ...secrets },
    stdio: 'inherit',
  });
  const code = await new Promise<number>((resolve) => child.on('close', (exit) => resolve(exit ?? 1)));
  console.log(`\n(exit code ${code})`);
  return code;
}

function versions(): void {
  console.log('\nThe emulator now holds these versions of shop-api:');
  for (const v of emulator.wechat.service(env_id, 'shop-api')?.versions ?? [])
    console.log(`  ${v.version_name}  ${v.status}  ${String(v.flow_ratio).padStart(3)}% traffic  ${v.image_url}`);
}

try {
  const codes = [
    await step('1. Blue/green: release v1.4.2 beside the serving version, then move all traffic to it', [
      'deploy',
      ...wechat,
      '--image',
      'ccr.ccs.tencentyun.com/demo/shop-api:v1.4.2',
      '--strategy',
      'new-version',
      '--traffic',
      '100',
      '--container-port',
      '8080',
      '--poll-interval',
      '500ms',
    ]),
  ];
  versions();
  codes.push(
    await step('2. What would a prune that keeps the 2 newest versions delete? (dry run)', [
      'delete-versions',
      ...wechat,
      '--keep-latest',
      '2',
      '--dry-run',
    ]),
  );
  codes.push(
    await step('3. The prune itself: the versions with traffic and the newest are never deleted', [
      'delete-versions',
      ...wechat,
      '--keep-latest',
      '2',
    ]),
  );
  versions();
  const failed = await step('4. A mistake: a service that does not exist fails with a hint on what to do', [
    'deploy',
    '--wechat-api-url',
    emulator.url,
    '--env-id',
    env_id,
    '--service-name',
    'shop-web',
    '--image',
    'ccr.ccs.tencentyun.com/demo/shop-web:v1.0.0',
  ]);
  codes.push(
    await step('5. Clean the finished and failed containers on the AI platform; running ones stay', [
      'clean-containers',
      '--ai-api-url',
      emulator.url,
      '--scnet-api-url',
      emulator.url,
      '--container-status',
      'Terminated,Failed',
    ]),
  );
  const left = [...emulator.ai.containers.values()].map((c) => c.status);
  console.log(`\nThe emulator now holds ${left.length} containers: ${[...new Set(left)].join(', ')}.`);
  // Step 4 is meant to fail; the demo fails if it did not, or if any other step did.
  process.exitCode = codes.every((code) => code === 0) && failed === 1 ? 0 : 1;
} finally {
  await emulator.close();
}
