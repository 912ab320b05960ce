// Runs the emulator on its own: node emulator/cli.ts [port]
import { startEmulator } from './server.ts';
import { EMULATOR_AI_USER } from './ai.ts';
import { EMULATOR_COMPONENT } from './wechat.ts';

const emulator = await startEmulator({ port: Number(process.argv[2] ?? 0) });
emulator.wechat.tokens.add('emulator-access-token');
emulator.wechat.addService('demo-env-1a2b3c', 'shop-api', [{ image_url: 'ccr.ccs.tencentyun.com/demo/shop-api:v1.0.0', flow_ratio: 100 }]);
console.log(`Platform emulator listening on ${emulator.url}`);
console.log('  access_token: emulator-access-token');
console.log(`  component credentials: ${JSON.stringify(EMULATOR_COMPONENT)}`);
console.log('  env_id: demo-env-1a2b3c, service: shop-api');
emulator.ai.addContainers(20, { status: 'Completed' });
console.log(`  AI platform (ai_api_url, ac_api_url, scnet_api_url: ${emulator.url}), 20 Completed containers`);
console.log(`  ai_token: ${emulator.ai.issueToken()}`);
console.log(`  AI user credentials: ${JSON.stringify(EMULATOR_AI_USER)}`);
