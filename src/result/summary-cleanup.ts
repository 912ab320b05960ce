import { formatSeconds } from '../duration.ts';
import { t } from '../messages/messages.ts';
import { describeCluster } from '../scnet/settings.ts';
import { columns, inlineMarkdown, markdownTable } from './markdown.ts';
import type { CleanContainersResult, ClusterCleanup, DeleteVersionsResult, ItemResult, ServicePrune } from './result.ts';

// The summary of the operations that delete: delete-versions and clean-containers. Every list is
// capped: GitHub drops a step summary over 1 MiB, and the log and report_file have every item.
const SHOWN_ROWS = 100;

export function cleanupSummary(result: DeleteVersionsResult | CleanContainersResult, durationMs: number): string {
  return result.operation === 'delete-versions' ? deleteVersionsSummary(result, durationMs) : cleanContainersSummary(result, durationMs);
}

function deleteVersionsSummary(result: DeleteVersionsResult, durationMs: number): string {
  const title = (target: string) => t(result.dryRun ? 'summary.delete_versions_dry_run' : 'summary.delete_versions', { target });
  const where = t('summary.where', { env: result.env_id, duration: formatSeconds(durationMs), requests: result.wechatRequests });
  if (!result.acrossServices) {
    const [service] = result.services;
    // Why is the run's failure, shown under the summary.
    if (!service || service.notPruned) return `## ${title(result.service_name)}\n\n${t('summary.no_version_list', { where })}\n`;
    return `## ${title(service.service_name)}\n\n${serviceSection(service, result.dryRun, where, SHOWN_ROWS)}`;
  }
  // Each service's table is capped, and so are they all together: GitHub drops a summary over 1 MiB.
  let rowsLeft = SHOWN_ROWS * 10;
  const sections = result.services.map((service) => {
    const shown = Math.min(SHOWN_ROWS, rowsLeft);
    rowsLeft -= Math.min(shown, service.items.length);
    return `### ${service.service_name}\n\n${serviceSection(service, result.dryRun, '', shown)}`;
  });
  return `## ${title(inlineMarkdown(result.service_name))}\n\n${servicesOverview(result, where)}\n${sections.join('\n')}`;
}

/** How many of a service's versions had each outcome: deleted (would-delete on a dry run), absent, skipped, failed. */
function tally(s: ServicePrune, dryRun: boolean): [number, number, number, number] {
  const by = (outcome: ItemResult['outcome']) => s.items.filter((i) => i.outcome === outcome).length;
  return [by(dryRun ? 'would-delete' : 'deleted'), by('absent'), by('skipped'), by('failed')];
}

function countsLine(dryRun: boolean, [deleted, absent, skipped, failed]: readonly number[]): string {
  if (dryRun) return t('summary.counts_dry_run', { deleted, skipped, failed });
  return absent ? t('summary.counts_absent', { deleted, absent, skipped, failed }) : t('summary.counts', { deleted, skipped, failed });
}

/** The run over several services: one row each, and their total. */
function servicesOverview(result: DeleteVersionsResult, where: string): string {
  const tallies = result.services.map((s) => tally(s, result.dryRun));
  const total = [0, 1, 2, 3].map((i) => tallies.reduce((sum, counts) => sum + counts[i], 0));
  const unpruned = result.services.filter((s) => s.notPruned).length;
  const rows = result.services.map((s, i) => [s.service_name, ...tallies[i].map(String), s.notPruned?.message ?? '']);
  const line = { counts: countsLine(result.dryRun, total), count: result.services.length, unpruned, where };
  return (
    `${unpruned ? t('summary.in_services_unpruned', line) : t('summary.in_services', line)}\n\n` +
    cappedTable(
      columns(
        'summary.col.service',
        result.dryRun ? 'summary.col.would_delete' : 'summary.col.deleted',
        'summary.col.already_absent',
        'summary.col.skipped',
        'summary.col.failed',
        'summary.col.not_pruned_because',
      ),
      [...rows, [t('summary.total'), ...total.map(String), unpruned ? t('summary.services', { count: unpruned }) : '']],
      rows.length + 1,
    )
  );
}

/** One service: its counts, and a table of every version deleted, skipped or failed (at most `shown` rows). */
function serviceSection(s: ServicePrune, dryRun: boolean, where: string, shown: number): string {
  const context = where ? t('summary.context', { where }) : '';
  if (s.notPruned) return `${t('summary.not_pruned', { message: inlineMarkdown(s.notPruned.message), context })}\n`;
  const by = (outcome: ItemResult['outcome']) => s.items.filter((i) => i.outcome === outcome);
  const [deleted, absent, skipped, failed] = [by(dryRun ? 'would-delete' : 'deleted'), by('absent'), by('skipped'), by('failed')];
  const rows = [
    ...deleted.map((i) => [i.name, t(dryRun ? 'summary.outcome.would_delete' : 'summary.outcome.deleted'), '']),
    ...absent.map((i) => [i.name, t('summary.outcome.absent'), t('summary.absent_reason')]),
    ...skipped.map((i) => [i.name, t('summary.outcome.skipped'), i.message ?? '']),
    ...failed.map((i) => [
      i.name,
      t('summary.outcome.failed'),
      typeof i.code === 'number' ? t('prune.failed_errcode', { code: i.code, message: i.message ?? '' }) : (i.message ?? ''),
    ]),
  ];
  const named = { service: s.service_name };
  const service = s.serviceDeleted
    ? `\n${t(s.deleteImage ? 'summary.service_deleted_image' : 'summary.service_deleted', named)}\n`
    : dryRun && s.deletesService
      ? `\n${t(s.deleteImage ? 'summary.service_would_delete_image' : 'summary.service_would_delete', named)}\n`
      : '';
  return (
    `${t('summary.counts_line', { counts: countsLine(dryRun, [deleted.length, absent.length, skipped.length, failed.length]), context })}\n` +
    service +
    (rows.length
      ? `\n${cappedTable(columns('summary.col.version', 'summary.col.outcome', 'summary.col.reason'), rows, shown)}`
      : `\n${t('summary.nothing_selected')}\n`)
  );
}

function cleanContainersSummary(r: CleanContainersResult, durationMs: number): string {
  const title = t(r.dryRun ? 'summary.clean_containers_dry_run' : 'summary.clean_containers');
  if (!r.allClusters) {
    const [cluster] = r.clusters;
    return `## ${title}\n\n${cluster ? clusterBody(cluster, r, durationMs) : `${t('summary.no_container_list')}\n`}`;
  }
  const sections = r.clusters.map(
    (c) => `## ${t('summary.clean_cluster', { title, cluster: inlineMarkdown(describeCluster(c)) })}\n\n${clusterBody(c, r, undefined)}`,
  );
  return [...sections, `## ${t('summary.clean_every_cluster', { title })}\n\n${totalTable(r, durationMs)}`].join('\n');
}

/** What one cluster's cleanup did; durationMs only when the run had one cluster, whose time it is. */
function clusterBody(c: ClusterCleanup, r: CleanContainersResult, durationMs: number | undefined): string {
  const failure = c.failure === undefined ? '' : `\n${t('summary.failed', { error: inlineMarkdown(c.failure.split('\n')[0]) })}\n`;
  const skipped = unreadableSection(c.unreadable);
  if (r.dryRun) {
    const ids = c.items.map((i) => i.name);
    const plan = `${t('summary.would_delete_containers', { count: ids.length, requests: c.requests, batch: r.batchSize })}\n\n`;
    return plan + plannedTable(ids, c) + skipped + failure;
  }
  const check = finalListingSection(c);
  const nothing = c.finalListing ? t('summary.no_match') : t('summary.nothing_deleted');
  if (!c.items.length) return `${nothing}\n${check}${skipped}${failure}`;
  const by = (outcome: ItemResult['outcome']) => c.items.filter((i) => i.outcome === outcome);
  const [deleted, absent, failed] = [by('deleted'), by('absent'), by('failed')];
  const time = durationMs === undefined ? [] : [formatSeconds(durationMs)];
  return (
    markdownTable(
      columns(
        'summary.col.requested',
        'summary.col.deleted',
        'summary.col.failed',
        'summary.col.requests',
        'summary.col.deleting',
        ...(time.length ? (['summary.col.total_time'] as const) : []),
      ),
      [[String(c.items.length), String(deleted.length), String(failed.length), String(c.requests), formatSeconds(c.deletingMs), ...time]],
    ) +
    (absent.length ? `\n${absentLine(absent.map((i) => i.name))}\n` : '') +
    check +
    (failed.length
      ? `\n### ${t('summary.failures')}\n\n${cappedTable(
          columns('summary.col.container', 'summary.col.code', 'summary.col.message'),
          failed.map((f) => [f.name, String(f.code ?? ''), f.message ?? '']),
        )}`
      : '') +
    skipped +
    failure
  );
}

/** The final listing's verdict, and the selected containers it still showed. */
function finalListingSection(c: ClusterCleanup): string {
  const final = c.finalListing;
  if (!final) return '';
  const unseen = final.complete ? '' : `\n${t('summary.final_incomplete')}\n`;
  if (!final.remaining.length) return `\n${t('clean.none_remain')}\n${unseen}`;
  const items = new Map(c.items.map((i) => [i.name, i]));
  const rows = final.remaining.map((x) => [x.id, x.name, x.status, whyStillListed(items.get(x.id))]);
  const headers = columns('summary.col.container', 'summary.col.name', 'summary.col.status', 'summary.col.why');
  return `\n**${t('clean.remaining', { count: final.remaining.length })}**\n\n${cappedTable(headers, rows)}${unseen}`;
}

function unreadableSection(records: ClusterCleanup['unreadable']): string {
  if (!records.length) return '';
  return (
    `\n### ${t('summary.records_skipped')}\n\n${t('summary.records_unreadable', { count: records.length })}\n\n` +
    cappedTable(
      columns('summary.col.record', 'summary.col.why'),
      records.map((u) => [u.shown, u.reason]),
    )
  );
}

/** One row per cluster and their sum. */
function totalTable(r: CleanContainersResult, durationMs: number): string {
  const figures = (items: readonly ItemResult[], remaining: number, requests: number) => {
    const n = (outcome: ItemResult['outcome']) => String(items.filter((i) => i.outcome === outcome).length);
    return r.dryRun
      ? [n('would-delete'), String(requests)]
      : [String(items.length), n('deleted'), n('absent'), n('failed'), String(remaining), String(requests)];
  };
  const rows = r.clusters.map((c) => [
    describeCluster(c),
    ...figures(c.items, c.finalListing?.remaining.length ?? 0, c.requests),
    c.failure === undefined ? t('summary.cluster_done') : t('summary.cluster_failed', { error: c.failure.split('\n')[0] }),
  ]);
  const all = r.clusters.flatMap((c) => c.items);
  const sum = (pick: (c: ClusterCleanup) => number) => r.clusters.reduce((n, c) => n + pick(c), 0);
  rows.push([
    t('summary.total'),
    ...figures(
      all,
      sum((c) => c.finalListing?.remaining.length ?? 0),
      sum((c) => c.requests),
    ),
    t('summary.total_outcome', { failed: r.clusters.filter((c) => c.failure !== undefined).length, duration: formatSeconds(durationMs) }),
  ]);
  const headers = r.dryRun
    ? columns('summary.col.cluster', 'summary.col.would_delete', 'summary.col.requests', 'summary.col.outcome')
    : columns(
        'summary.col.cluster',
        'summary.col.requested',
        'summary.col.deleted',
        'summary.col.already_absent',
        'summary.col.failed',
        'summary.col.still_listed',
        'summary.col.requests',
        'summary.col.outcome',
      );
  return markdownTable(headers, rows);
}

/** The failure code of a selected container the final listing still shows, not deleted whatever an answer said. */
export const STILL_LISTED = 'still-listed';

/** Why a selected container is still listed, from what became of it. */
export function whyStillListed(item: ItemResult | undefined): string {
  if (item?.outcome !== 'failed') return t('summary.not_deleted');
  return item.code === STILL_LISTED ? (item.message ?? '') : t('summary.delete_failed_code', { code: String(item.code) });
}

/** A table of at most `shown` rows, and a line saying how many more there are. */
function cappedTable(headers: readonly string[], rows: readonly (readonly string[])[], shown = SHOWN_ROWS): string {
  if (!shown && rows.length) return `${t('summary.rows_not_shown', { count: rows.length })}\n`;
  const more = rows.length > shown ? `\n${t('summary.rows_more', { count: rows.length - shown })}\n` : '';
  return markdownTable(headers, rows.slice(0, shown)) + more;
}

function plannedTable(ids: readonly string[], c: ClusterCleanup): string {
  if (!ids.length) return `${t('summary.no_match')}\n`;
  const byId = new Map(c.selected.map((x) => [x.id, x]));
  const rows = ids.map((id) => {
    const x = byId.get(id);
    return [id, x?.name ?? t('summary.given'), x?.status ?? '', x?.taskType ?? '', x?.createdAt ? new Date(x.createdAt).toISOString() : ''];
  });
  return cappedTable(
    columns('summary.col.container', 'summary.col.name', 'summary.col.status', 'summary.col.task_type', 'summary.col.created'),
    rows,
  );
}

function absentLine(absent: readonly string[]): string {
  const shown = absent
    .slice(0, SHOWN_ROWS)
    .map((id) => `\`${id}\``)
    .join(', ');
  const more = absent.length > SHOWN_ROWS ? t('summary.absent_more', { count: absent.length - SHOWN_ROWS }) : '';
  return t('summary.absent_line', { ids: `${shown}${more}` });
}
