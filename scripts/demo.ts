// npm run demo: the bundled action (dist/index.js), as the runner runs it, against the local
// emulator of both platforms: deploy, prune old versions, clean containers. No account needed.
import { runAction, type ActionRun } from '../harness/run-action.ts';
import { EMULATOR_AI_USER } from '../emulator/ai.ts';
import { startEmulator } from '../emulator/server.ts';
import { EMULATOR_COMPONENT } from '../emulator/wechat.ts';

const DAY = 86_400_000;
const emulator = await startEmulator();
const env_id = 'demo-env-1a2b3c';
const wechat = { wechat_api_url: emulator.url, ...EMULATOR_COMPONENT, env_id, service_name: 'shop-api' };

// A service with four releases behind it, the newest serving; rollouts take a few seconds, so the
// demo shows the action waiting for one.
emulator.wechat.addService(
  env_id,
  'shop-api',
  [30, 20, 10, 5].map((daysAgo, i) => ({
    image_url: `ccr.ccs.tencentyun.com/demo/shop-api:v1.${i}.0`,
    created_time: new Date(Date.now() - daysAgo * DAY),
    flow_ratio: i === 3 ? 100 : 0,
  })),
);
emulator.wechat.rollout = { buildPolls: 3, deployPolls: 3, outcome: 'ok' };
// Finished and failed training jobs left behind on the AI platform, and some still running.
emulator.ai.addContainers(40, { status: 'Terminated' });
emulator.ai.addContainers(8, { status: 'Failed' });
emulator.ai.addContainers(3, { status: 'Running' });

function show(title: string, run: ActionRun, withLog: boolean): void {
  console.log(`\n\n======== ${title}: exit code ${run.code}`);
  if (withLog) console.log(run.visible.trim());
  if (run.stderr.trim()) console.log(run.stderr.trim());
  console.log('\n--- outputs');
  for (const [name, value] of Object.entries(run.outputs))
    console.log(`${name}=${value.length > 120 ? `${value.slice(0, 117)}...` : value}`);
  console.log('\n--- job summary');
  console.log(run.summary.trim());
}

function versions(): void {
  console.log('\n--- emulator: versions of shop-api now');
  for (const v of emulator.wechat.service(env_id, 'shop-api')?.versions ?? []) {
    console.log(`${v.version_name}  ${v.status}  traffic ${v.flow_ratio}%  ${v.image_url}`);
  }
}

try {
  const deployed = await runAction({
    operation: 'deploy',
    ...wechat,
    image: 'ccr.ccs.tencentyun.com/demo/shop-api:v1.4.2',
    cpu: '0.5',
    mem: '1',
    container_port: '8080',
    env_vars: 'NODE_ENV=production\nLOG_LEVEL=info',
    poll_interval: '500ms',
    traffic: '100',
  });
  show('1. deploy shop-api v1.4.2, wait for it, send it all the traffic', deployed, true);
  versions();

  const pruned = await runAction({ operation: 'delete-versions', ...wechat, keep_latest: '2' });
  show('2. delete-versions: keep the 2 newest versions', pruned, false);
  versions();

  const cleaned = await runAction({
    operation: 'clean-containers',
    ai_api_url: emulator.url,
    ai_user: EMULATOR_AI_USER.ai_user,
    ai_access_key: EMULATOR_AI_USER.ai_access_key,
    ai_secret_key: EMULATOR_AI_USER.ai_secret_key,
    scnet_api_url: emulator.url,
    container_status: 'Terminated,Failed',
  });
  show('3. clean-containers: delete the terminated and failed ones', cleaned, false);
  const left = [...emulator.ai.containers.values()].map((c) => c.status);
  console.log(`\n--- emulator: containers left: ${left.length} (${[...new Set(left)].join(', ')})`);

  process.exitCode = [deployed, pruned, cleaned].some((run) => run.code !== 0) ? 1 : 0;
} finally {
  await emulator.close();
}
