import { callLimits } from '../http/retry.ts';
import type { NetworkSettings } from '../http/settings.ts';
import type { WechatTarget } from './settings.ts';
import { fetchComponentToken, WechatClient, type WechatClientOptions } from './client.ts';
import { tokenSource } from './tokens.ts';
import * as log from '../log.ts';
import { t } from '../messages/messages.ts';

/**
 * A client for the target's API, with a component_access_token (fetched first, and renewed as it
 * needs, when the platform's credentials are given); on a dry run it refuses every call that is not
 * a read.
 */
export async function connectWechat(target: WechatTarget, network: NetworkSettings, dryRun: boolean): Promise<WechatClient> {
  const options: WechatClientOptions = { ...callLimits(network), baseUrl: target.apiUrl, readOnly: dryRun };
  const credentials = target.credentials;
  const tokens = tokenSource(credentials, () =>
    log.group(t('wechat.obtain_token'), async () => {
      if (credentials.kind === 'token') throw new Error('a given access_token is not fetched');
      const issued = await fetchComponentToken(options, credentials);
      log.info(t('wechat.token_obtained', { minutes: Math.round(issued.expiresInMs / 60_000) }));
      return issued;
    }),
  );
  // The first token is fetched now, so a wrong credential fails before anything else.
  await tokens.current();
  return new WechatClient(options, tokens);
}
