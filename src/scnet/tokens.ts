import { createHmac } from 'node:crypto';
import { clock } from '../clock.ts';
import { ActionError, quoted } from '../errors.ts';
import { excerpt } from '../http/excerpt.ts';
import * as log from '../log.ts';
import { addSecret } from '../secrets.ts';
import type { ScnetCallOptions } from './client.ts';
import { scnetCall } from './client.ts';
import { TOKEN_API } from './codes.ts';
import { ALL_CLUSTERS, describeCluster } from './settings.ts';
import { t } from '../messages/messages.ts';

export interface ClusterToken {
  readonly clusterId: string;
  readonly clusterName: string;
  readonly token: string;
}

/** POST {ac}/ac/openapi/v2/tokens with the user's password: one token per cluster. */
export async function fetchPasswordTokens(
  options: ScnetCallOptions,
  acUrl: string,
  credentials: { user: string; password: string; orgId: string },
): Promise<ClusterToken[]> {
  const answer = await scnetCall(
    options,
    TOKEN_API.password,
    {
      method: 'POST',
      url: new URL(`${acUrl}/ac/openapi/v2/tokens`),
      headers: { user: credentials.user, password: credentials.password, orgId: credentials.orgId },
    },
    'read',
  );
  return readTokens(answer.data);
}

/** POST {scnet}/api/user/v3/tokens signed with the secret key, which itself is never sent. */
export async function fetchAccessKeyTokens(
  options: ScnetCallOptions,
  scnetUrl: string,
  credentials: { user: string; accessKey: string; secretKey: string },
): Promise<ClusterToken[]> {
  const answer = await scnetCall(
    options,
    TOKEN_API.accessKey,
    {
      method: 'POST',
      url: new URL(`${scnetUrl}/api/user/v3/tokens`),
      // Signed once: the retries of this call span seconds, not the minutes a replay window allows.
      headers: accessKeyHeaders(credentials, Math.floor(clock.wallNow() / 1000)),
    },
    'read',
  );
  return readTokens(answer.data);
}

/**
 * The AK/SK headers. The signature is hex HMAC-SHA256(secretKey) of the compact JSON
 * {"accessKey","timestamp","user"} in that order; the docs do not say whether timestamp is a
 * string or a number inside it: it is signed as the string sent in the header.
 */
export function accessKeyHeaders(
  credentials: { user: string; accessKey: string; secretKey: string },
  timestamp: number,
): Record<string, string> {
  const signed = JSON.stringify({ accessKey: credentials.accessKey, timestamp: String(timestamp), user: credentials.user });
  return {
    user: credentials.user,
    accessKey: credentials.accessKey,
    timestamp: String(timestamp),
    signature: createHmac('sha256', credentials.secretKey).update(signed).digest('hex'),
  };
}

// Cluster IDs become part of outputs (`cluster/container`) and messages: numbers in the docs.
const CLUSTER_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The cluster tokens of a token answer, each masked the moment it is read. */
function readTokens(data: unknown): ClusterToken[] {
  if (!Array.isArray(data)) throw new ActionError(t('ai.tokens_no_list'), t('ai.tokens_no_list.hint'));
  return data.flatMap((entry: unknown) => {
    const { clusterId, clusterName, token } = (entry ?? {}) as Record<string, unknown>;
    if (typeof token !== 'string' || !token) return [];
    addSecret(token);
    const id = typeof clusterId === 'string' || typeof clusterId === 'number' ? String(clusterId) : '';
    if (!CLUSTER_ID.test(id)) {
      log.warning(t('ai.cluster_id_bad', { id: quoted(id) }));
      return [];
    }
    return [{ clusterId: id, clusterName: typeof clusterName === 'string' ? excerpt(clusterName, 64) : '', token }];
  });
}

/**
 * The cluster asked for, or the only one that can call container APIs (cluster 0 "ac" cannot);
 * with ALL_CLUSTERS, every one that can.
 */
export function pickClusters(tokens: readonly ClusterToken[], clusterId: string): ClusterToken[] {
  const usable = tokens.filter((t) => t.clusterId !== '0');
  const choices = usable.map(describeCluster).join(', ') || t('ai.no_clusters');
  if (clusterId && clusterId !== ALL_CLUSTERS) {
    const chosen = tokens.find((t) => t.clusterId === clusterId);
    if (!chosen) throw new ActionError(t('ai.no_token_for_cluster', { cluster: clusterId, choices }), t('ai.no_token_for_cluster.hint'));
    return [chosen];
  }
  if (usable.length === 0) throw new ActionError(t('ai.no_usable_cluster'), t('ai.no_usable_cluster.hint'));
  if (usable.length === 1 || clusterId === ALL_CLUSTERS) return usable;
  throw new ActionError(t('ai.several_clusters', { choices }), t('ai.several_clusters.hint', { all: ALL_CLUSTERS }));
}

/** GET {ac}/ac/openapi/v2/center: the AI host of the token's cluster. */
export async function discoverAiUrl(options: ScnetCallOptions, acUrl: string, token: string): Promise<string> {
  const answer = await scnetCall(
    options,
    'center',
    {
      method: 'GET',
      url: new URL(`${acUrl}/ac/openapi/v2/center`),
      headers: { token },
    },
    'read',
  );
  return pickAiUrl(answer.data);
}

/** The enabled entry of data.aiUrls, normalised to the host (a documented example ends in /ai). */
export function pickAiUrl(data: unknown): string {
  const urls: unknown = (data as { aiUrls?: unknown } | null)?.aiUrls;
  // enable is documented as the string "true"; a boolean true is read the same way.
  const entries = (Array.isArray(urls) ? urls : []) as ({ enable?: unknown; url?: unknown } | null)[];
  const entry = entries.find((u) => (u?.enable === 'true' || u?.enable === true) && typeof u.url === 'string');
  if (!entry) throw new ActionError(t('ai.center_no_url'), t('ai.give_ai_api_url.hint'));
  return normaliseAiUrl(entry.url as string);
}

export function normaliseAiUrl(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/ai$/, '');
}
