import { callLimits } from '../http/retry.ts';
import type { NetworkSettings } from '../http/settings.ts';
import type { WechatTarget } from './settings.ts';
import { fetchComponentToken, WechatClient, type WechatClientOptions } from './client.ts';
import * as log from '../log.ts';

/**
 * A client for the target's API, with a component_access_token (fetched first when needed); on a
 * dry run it refuses every call that is not a read.
 */
export async function connectWechat(target: WechatTarget, network: NetworkSettings, dryRun: boolean): Promise<WechatClient> {
  const options: WechatClientOptions = { ...callLimits(network), baseUrl: target.apiUrl, readOnly: dryRun };
  const credentials = target.credentials;
  if (credentials.kind === 'token') return new WechatClient(options, credentials.access_token);
  const token = await log.group('Obtain component_access_token', () => fetchComponentToken(options, credentials));
  log.info('Obtained a component_access_token (valid for 2 hours).');
  return new WechatClient(options, token);
}
