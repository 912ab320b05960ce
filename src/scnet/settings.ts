import { t } from '../messages/messages.ts';

// Where the SCNet / Sugon AC platform is, and who calls it.

export type ScnetCredentials =
  | { readonly kind: 'token'; readonly token: string }
  | { readonly kind: 'password'; readonly user: string; readonly password: string; readonly orgId: string }
  | { readonly kind: 'access-key'; readonly user: string; readonly accessKey: string; readonly secretKey: string };

export interface ScnetTarget {
  /** The cluster's AI host; empty when it must be discovered through the center API. */
  readonly aiUrl: string;
  /** The AC platform API; empty unless given (needed for password tokens and discovery). */
  readonly acUrl: string;
  /** The SCNet user API, for AK/SK tokens. */
  readonly scnetUrl: string;
  readonly credentials: ScnetCredentials;
  /** Picks a cluster when the token answer lists several; ALL_CLUSTERS for every one; empty when not given. */
  readonly clusterId: string;
}

/** ai_cluster_id's value for every cluster the account reaches, each cleaned in turn. */
export const ALL_CLUSTERS = 'all';

/** "11112 (hefei)": a cluster as messages and the summary name it. */
export function describeCluster(cluster: { readonly clusterId: string; readonly clusterName: string }): string {
  return `${cluster.clusterId} (${cluster.clusterName || t('ai.unnamed')})`;
}
