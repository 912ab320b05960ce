import { cancelledBy } from '../../cancel.ts';
import { clock } from '../../clock.ts';
import { ActionError, errorMessage } from '../../errors.ts';
import type { CleanContainersConfig } from '../../inputs/containers.ts';
import * as log from '../../log.ts';
import type { CleanContainersResult, ClusterCleanup, ItemResult } from '../../result/result.ts';
import { makeBatches } from '../../scnet/batches.ts';
import type { ContainerApi } from '../../scnet/client.ts';
import { scnetClusters } from '../../scnet/connect.ts';
import { listToCheck } from '../../scnet/list.ts';
import { ALL_CLUSTERS, describeCluster } from '../../scnet/settings.ts';
import { cleanCluster, warnUnknownAge } from './clean-cluster.ts';
import { selectContainers } from './select.ts';
import { noteUnreadable } from './unreadable.ts';
import { t } from '../../messages/messages.ts';

export function begin(config: CleanContainersConfig): CleanContainersResult {
  return {
    operation: 'clean-containers',
    dryRun: config.dryRun,
    wouldSend: [],
    batchSize: config.batchSize,
    allClusters: config.target.clusterId === ALL_CLUSTERS,
    clusters: [],
  };
}

/**
 * Deletes the listed container IDs and the containers the filter selects, on one cluster or, with
 * ai_cluster_id: all, on every cluster the account reaches, one after another: a cluster that
 * fails does not stop the others, and the step fails at the end naming each. A cancel stops at
 * once: no further request, pass or cluster.
 */
export async function execute(config: CleanContainersConfig, result: CleanContainersResult): Promise<void> {
  const clusters = await scnetClusters(config);
  const failed: { readonly cluster: string; readonly error: string }[] = [];
  for (const cluster of clusters) {
    if (cancelledBy()) break;
    const { clusterId, clusterName } = cluster;
    const out: ClusterCleanup = { clusterId, clusterName, items: [], selected: [], unreadable: [], requests: 0, deletingMs: 0 };
    result.clusters.push(out);
    if (result.allClusters) log.info(`== ${t('clean.cluster_heading', { cluster: describeCluster(cluster) })}`);
    try {
      const client = await cluster.connect();
      await (config.dryRun ? dryRun(client, config, out) : cleanCluster(client, config, out));
    } catch (err) {
      if (!result.allClusters) throw err;
      out.failure = errorMessage(err);
      log.error(t('clean.cluster_failed', { cluster: describeCluster(cluster), error: out.failure }));
      failed.push({ cluster: describeCluster(cluster), error: out.failure.split('\n')[0] });
    }
  }
  const skipped = clusters.length - result.clusters.length;
  if (failed.length || skipped)
    throw new ActionError(
      [
        ...(failed.length
          ? [
              t('clean.clusters_failed', {
                failed: failed.length,
                total: clusters.length,
                clusters: failed.map((f) => f.cluster).join(', '),
              }),
            ]
          : []),
        ...(skipped ? [t('clean.clusters_cancelled', { signal: String(cancelledBy()), count: skipped })] : []),
        ...failed.map((f) => `  - ${f.cluster}: ${f.error}`),
      ].join('\n'),
      t('clean.clusters.hint'),
    );
}

/**
 * Shows what a real run would delete. With explicit IDs only, a real run reads nothing before its
 * DELETE: here one page of the list is read instead, so a wrong token or AI host fails the dry run
 * as it would fail the real one.
 */
async function dryRun(client: ContainerApi, config: CleanContainersConfig, out: ClusterCleanup): Promise<void> {
  const filter = config.filter;
  let selected: readonly ItemResult[] = [];
  if (filter) {
    const listing = await log.group(t('clean.list_group'), () => listToCheck(client, config.concurrency));
    noteUnreadable(out, listing.unreadable);
    const selection = selectContainers(listing.containers, filter, clock.now());
    out.selected.push(...selection.selected);
    log.info(t('clean.listed', { count: listing.containers.length, selected: selection.selected.length }));
    warnUnknownAge(selection.unknownAge);
    if (!listing.complete) log.warning(t('clean.list_moved'));
    selected = selection.selected.map((c) => ({ name: c.id, outcome: 'would-delete' }));
  } else {
    await log.group(t('clean.check_token_group'), () => client.listPage(0, 1));
  }
  const ids = [...new Set([...config.ids, ...selected.map((i) => i.name)])];
  out.requests = makeBatches(ids, config.batchSize, client.deleteUrl).length;
  log.info(t('clean.dry_run', { count: ids.length, requests: out.requests }));
  for (const id of ids) log.info(`  ${id}`);
  out.items.push(...ids.map((id): ItemResult => ({ name: id, outcome: 'would-delete' })));
}
