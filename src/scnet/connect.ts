import { clock } from '../clock.ts';
import { ActionError } from '../errors.ts';
import { callLimits } from '../http/retry.ts';
import { parseApiUrl } from '../http/url-policy.ts';
import type { ScnetTarget } from './settings.ts';
import type { NetworkSettings } from '../http/settings.ts';
import { ScnetClient, type ScnetCallOptions } from './client.ts';
import { tokenExpiry } from './jwt.ts';
import { discoverAiUrl, fetchAccessKeyTokens, fetchPasswordTokens, normaliseAiUrl, pickCluster } from './tokens.ts';
import * as log from '../log.ts';

/**
 * A client for the cluster's container APIs: a token (obtained first when needed), and the AI host
 * (discovered when not given). In a dry run these reads happen as in a real run; the client then
 * refuses writes.
 */
export async function connectScnet({ target, network, dryRun }: ScnetConnection): Promise<ScnetClient> {
  const options: ScnetCallOptions = callLimits(network);
  const token = await obtainToken(target, options);
  const aiUrl = target.aiUrl
    ? normaliseAiUrl(target.aiUrl)
    : await log.group('Discover the AI host', async () => {
        const url = usableAiUrl(await discoverAiUrl(options, target.acUrl, token), network.allowInsecureHttp);
        log.info(`AI host: ${url}`);
        return url;
      });
  return new ScnetClient(options, aiUrl, token, dryRun);
}

export interface ScnetConnection {
  readonly target: ScnetTarget;
  readonly network: NetworkSettings;
  readonly dryRun: boolean;
}

async function obtainToken(target: ScnetTarget, options: ScnetCallOptions): Promise<string> {
  const credentials = target.credentials;
  if (credentials.kind === 'token') {
    const expiry = tokenExpiry(credentials.token);
    if (expiry && expiry.getTime() < clock.now()) {
      log.warning(
        `ai_token expired at ${expiry.toISOString()}; the platform will probably reject it. Obtain a new one, or give ai_user credentials so the action obtains one.`,
      );
    }
    return credentials.token;
  }
  return log.group('Obtain a platform token', async () => {
    const tokens =
      credentials.kind === 'password'
        ? await fetchPasswordTokens(options, target.acUrl, credentials)
        : await fetchAccessKeyTokens(options, target.scnetUrl, credentials);
    const chosen = pickCluster(tokens, target.clusterId);
    log.info(`Using the token of cluster ${chosen.clusterId} (${chosen.clusterName || 'unnamed'}).`);
    return chosen.token;
  });
}

/** The platform's answer is held to the rules of the URL inputs: a plain http:// host would get the token in clear text. */
export function usableAiUrl(discovered: string, allowInsecureHttp: boolean): string {
  try {
    return parseApiUrl(discovered, allowInsecureHttp);
  } catch (err) {
    throw new ActionError(`the center API names an AI host that cannot be used: ${(err as Error).message}`, 'give ai_api_url explicitly');
  }
}
