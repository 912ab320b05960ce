import { clock } from '../clock.ts';
import { ActionError } from '../errors.ts';
import { callLimits } from '../http/retry.ts';
import { parseApiUrl } from '../http/url-policy.ts';
import { ALL_CLUSTERS, describeCluster, type ScnetTarget } from './settings.ts';
import type { NetworkSettings } from '../http/settings.ts';
import { ScnetClient, type ScnetCallOptions } from './client.ts';
import { tokenExpiry } from './jwt.ts';
import { discoverAiUrl, fetchAccessKeyTokens, fetchPasswordTokens, normaliseAiUrl, pickClusters, type ClusterToken } from './tokens.ts';
import * as log from '../log.ts';
import { t } from '../messages/messages.ts';

/** A cluster to clean, and how to reach its container APIs. */
export interface ScnetCluster {
  /** As the token answer names it; '' with ai_token, which names none. */
  readonly clusterId: string;
  readonly clusterName: string;
  /** Its client: the AI host given, or discovered through the center API with the cluster's token. */
  connect(): Promise<ScnetClient>;
}

export interface ScnetConnection {
  readonly target: ScnetTarget;
  readonly network: NetworkSettings;
  readonly dryRun: boolean;
}

/**
 * The clusters to clean: the one the token is for, the one ai_cluster_id names, or with
 * ALL_CLUSTERS every one the account reaches. Tokens are obtained here (one call gives every
 * cluster's); each AI host only when its cluster's turn comes, so one cluster's failing center
 * answer does not stop the others. In a dry run these reads happen as in a real run; the clients
 * then refuse writes.
 */
export async function scnetClusters({ target, network, dryRun }: ScnetConnection): Promise<ScnetCluster[]> {
  const options: ScnetCallOptions = callLimits(network);
  /** cluster: named in the group's title when the run cleans several. */
  const connect = (token: string, cluster?: ClusterToken) => async () => {
    const title = cluster ? t('ai.discover_host_of', { cluster: describeCluster(cluster) }) : t('ai.discover_host');
    const aiUrl = target.aiUrl
      ? normaliseAiUrl(target.aiUrl)
      : await log.group(title, async () => {
          const url = usableAiUrl(await discoverAiUrl(options, target.acUrl, token), network.allowInsecureHttp);
          log.info(t('ai.host', { url }));
          return url;
        });
    return new ScnetClient(options, aiUrl, token, dryRun);
  };
  const credentials = target.credentials;
  if (credentials.kind === 'token') {
    warnIfExpired(credentials.token);
    return [{ clusterId: '', clusterName: '', connect: connect(credentials.token) }];
  }
  const chosen = await log.group(t('ai.obtain_token'), async () => {
    const tokens =
      credentials.kind === 'password'
        ? await fetchPasswordTokens(options, target.acUrl, credentials)
        : await fetchAccessKeyTokens(options, target.scnetUrl, credentials);
    const clusters = pickClusters(tokens, target.clusterId);
    if (target.clusterId === ALL_CLUSTERS)
      log.info(t('ai.clusters_all', { count: clusters.length, clusters: clusters.map(describeCluster).join(', ') }));
    else log.info(t('ai.cluster_token', { cluster: describeCluster(clusters[0]) }));
    return clusters;
  });
  const several = target.clusterId === ALL_CLUSTERS;
  return chosen.map((c) => ({
    clusterId: c.clusterId,
    clusterName: c.clusterName,
    connect: connect(c.token, several ? c : undefined),
  }));
}

function warnIfExpired(token: string): void {
  const expiry = tokenExpiry(token);
  if (expiry && expiry.getTime() < clock.now()) {
    log.warning(t('ai.token_expired', { at: expiry.toISOString() }));
  }
}

/** The platform's answer is held to the rules of the URL inputs: a plain http:// host would get the token in clear text. */
export function usableAiUrl(discovered: string, allowInsecureHttp: boolean): string {
  try {
    return parseApiUrl(discovered, allowInsecureHttp);
  } catch (err) {
    throw new ActionError(t('ai.center_bad_host', { problem: (err as Error).message }), t('ai.give_ai_api_url.hint'), { cause: err });
  }
}
