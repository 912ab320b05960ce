// npm run demo: the bundled action (dist/index.js) against the local emulator, no account needed.
import { runAction, type ActionRun } from '../harness/run-action.ts';
import { startEmulator } from '../emulator/server.ts';
import { EMULATOR_COMPONENT } from '../emulator/wechat.ts';

const emulator = await startEmulator();
const env_id = 'demo-env-1a2b3c';
emulator.wechat.addEnv(env_id);
// A rollout that takes a few seconds, so the demo shows the action waiting for it.
emulator.wechat.rollout = { buildMs: 1_500, deployMs: 1_500, outcome: 'ok' };

function show(title: string, run: ActionRun): void {
  console.log(`\n=== ${title} (exit code ${run.code})`);
  console.log(run.visible.trim());
  if (run.stderr.trim()) console.log(run.stderr.trim());
  console.log('\n--- outputs');
  for (const [name, value] of Object.entries(run.outputs)) console.log(`${name}=${value}`);
  console.log('\n--- job summary');
  console.log(run.summary.trim());
}

try {
  const deployed = await runAction({
    operation: 'deploy',
    wechat_api_url: emulator.url,
    ...EMULATOR_COMPONENT,
    env_id,
    service_name: 'shop-api',
    image: 'ccr.ccs.tencentyun.com/demo/shop-api:v1.4.2',
    create_service: 'true',
    cpu: '0.5',
    mem: '1',
    container_port: '8080',
    env_vars: 'NODE_ENV=production\nLOG_LEVEL=info',
    poll_interval: '500ms',
    traffic: '100',
  });
  show('deploy shop-api v1.4.2, creating the service', deployed);

  const service = emulator.wechat.service(env_id, 'shop-api');
  console.log('\n=== emulator state: versions of shop-api');
  for (const v of service?.versions ?? []) console.log(`${v.version_name}  ${v.status}  flow ${v.flow_ratio}%  ${v.image_url}`);
  process.exitCode = deployed.code ?? 1;
} finally {
  await emulator.close();
}
