import type { Emulator } from '../../emulator/server.ts';

// What the process tests share: the images they deploy, and the inputs that reach a Cloud Hosting
// service on the emulator. Each test file keeps its own token: a distinctive one, so a leak check
// can tell whose secret leaked.

export const OLD_IMAGE = 'ccr.ccs.tencentyun.com/shop/api:v1.0.0';
export const NEW_IMAGE = 'ccr.ccs.tencentyun.com/shop/api:v2.0.0';

/** The inputs that reach `service` in `env` on the emulator with this access_token. */
export function wechatInputs(emu: Emulator, token: string, env: string, service = 'shop-api'): Record<string, string> {
  return { wechat_api_url: emu.url, access_token: token, env_id: env, service_name: service };
}
