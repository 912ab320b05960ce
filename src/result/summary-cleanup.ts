import { formatSeconds } from '../duration.ts';
import { describeCluster } from '../scnet/settings.ts';
import { count, inlineMarkdown, markdownTable } from './markdown.ts';
import type { CleanContainersResult, ClusterCleanup, DeleteVersionsResult, ItemResult, ServicePrune } from './result.ts';

// The summary of the operations that delete: delete-versions and clean-containers. Every list is
// capped: GitHub drops a step summary over 1 MiB, and the log and report_file have every item.
const SHOWN_ROWS = 100;

export function cleanupSummary(result: DeleteVersionsResult | CleanContainersResult, durationMs: number): string {
  return result.operation === 'delete-versions' ? deleteVersionsSummary(result, durationMs) : cleanContainersSummary(result, durationMs);
}

function deleteVersionsSummary(result: DeleteVersionsResult, durationMs: number): string {
  const title = result.dryRun ? 'Delete versions (dry run)' : 'Delete versions';
  const where = `environment ${result.env_id}, ${formatSeconds(durationMs)}, ${count(result.wechatRequests, 'WeChat API request')}`;
  if (!result.acrossServices) {
    const [service] = result.services;
    // Why is the run's failure, shown under the summary.
    if (!service || service.notPruned)
      return `## ${title}: ${result.service_name}\n\nNo version list was read, so nothing was deleted (${where}).\n`;
    return `## ${title}: ${service.service_name}\n\n${serviceSection(service, result.dryRun, where, SHOWN_ROWS)}`;
  }
  // Each service's table is capped, and so are they all together: GitHub drops a summary over 1 MiB.
  let rowsLeft = SHOWN_ROWS * 10;
  const sections = result.services.map((service) => {
    const shown = Math.min(SHOWN_ROWS, rowsLeft);
    rowsLeft -= Math.min(shown, service.items.length);
    return `### ${service.service_name}\n\n${serviceSection(service, result.dryRun, '', shown)}`;
  });
  return `## ${title}: ${inlineMarkdown(result.service_name)}\n\n${servicesOverview(result, where)}\n${sections.join('\n')}`;
}

/** How many of a service's versions had each outcome: deleted (would-delete on a dry run), absent, skipped, failed. */
function tally(s: ServicePrune, dryRun: boolean): [number, number, number, number] {
  const by = (outcome: ItemResult['outcome']) => s.items.filter((i) => i.outcome === outcome).length;
  return [by(dryRun ? 'would-delete' : 'deleted'), by('absent'), by('skipped'), by('failed')];
}

function countsLine(dryRun: boolean, [deleted, absent, skipped, failed]: readonly number[]): string {
  return dryRun
    ? `Would delete **${deleted}**, skipped **${skipped}**, failed **${failed}**`
    : `Deleted **${deleted}**, ${absent ? `already absent **${absent}**, ` : ''}skipped **${skipped}**, failed **${failed}**`;
}

/** The run over several services: one row each, and their total. */
function servicesOverview(result: DeleteVersionsResult, where: string): string {
  const tallies = result.services.map((s) => tally(s, result.dryRun));
  const total = [0, 1, 2, 3].map((i) => tallies.reduce((sum, t) => sum + t[i], 0));
  const unpruned = result.services.filter((s) => s.notPruned).length;
  const rows = result.services.map((s, i) => [s.service_name, ...tallies[i].map(String), s.notPruned?.message ?? '']);
  return (
    `${countsLine(result.dryRun, total)} in ${count(result.services.length, 'service')}` +
    `${unpruned ? `, ${unpruned} not pruned` : ''} (${where}).\n\n` +
    cappedTable(
      ['Service', result.dryRun ? 'Would delete' : 'Deleted', 'Already absent', 'Skipped', 'Failed', 'Not pruned because'],
      [...rows, ['Total', ...total.map(String), unpruned ? count(unpruned, 'service') : '']],
      rows.length + 1,
    )
  );
}

/** One service: its counts, and a table of every version deleted, skipped or failed (at most `shown` rows). */
function serviceSection(s: ServicePrune, dryRun: boolean, where: string, shown: number): string {
  const context = where ? ` (${where})` : '';
  if (s.notPruned) return `Not pruned: ${inlineMarkdown(s.notPruned.message)}${context}.\n`;
  const by = (outcome: ItemResult['outcome']) => s.items.filter((i) => i.outcome === outcome);
  const [deleted, absent, skipped, failed] = [by(dryRun ? 'would-delete' : 'deleted'), by('absent'), by('skipped'), by('failed')];
  const rows = [
    ...deleted.map((i) => [i.name, dryRun ? 'would delete' : 'deleted', '']),
    ...absent.map((i) => [i.name, 'already absent', 'an attempt got no answer; the retry found it gone']),
    ...skipped.map((i) => [i.name, 'skipped', i.message ?? '']),
    ...failed.map((i) => [i.name, 'failed', typeof i.code === 'number' ? `errcode ${i.code}: ${i.message ?? ''}` : (i.message ?? '')]),
  ];
  const image = s.deleteImage ? ', with its image' : '';
  const service = s.serviceDeleted
    ? `\nService ${s.service_name} was deleted with its last version${image}.\n`
    : dryRun && s.deletesService
      ? `\nService ${s.service_name} would be deleted with its last version${image}.\n`
      : '';
  return (
    `${countsLine(dryRun, [deleted.length, absent.length, skipped.length, failed.length])}${context}.\n` +
    service +
    (rows.length ? `\n${cappedTable(['Version', 'Outcome', 'Reason'], rows, shown)}` : '\nNothing was selected.\n')
  );
}

function cleanContainersSummary(r: CleanContainersResult, durationMs: number): string {
  const title = r.dryRun ? 'Clean containers (dry run)' : 'Clean containers';
  if (!r.allClusters) {
    const [cluster] = r.clusters;
    return `## ${title}\n\n${cluster ? clusterBody(cluster, r, durationMs) : 'No container list was read, so nothing was deleted.\n'}`;
  }
  const sections = r.clusters.map((c) => `## ${title}: cluster ${inlineMarkdown(describeCluster(c))}\n\n${clusterBody(c, r, undefined)}`);
  return [...sections, `## ${title}: every cluster\n\n${totalTable(r, durationMs)}`].join('\n');
}

/** What one cluster's cleanup did; durationMs only when the run had one cluster, whose time it is. */
function clusterBody(c: ClusterCleanup, r: CleanContainersResult, durationMs: number | undefined): string {
  const failure = c.failure === undefined ? '' : `\n**Failed:** ${inlineMarkdown(c.failure.split('\n')[0])}\n`;
  const skipped = unreadableSection(c.unreadable);
  if (r.dryRun) {
    const ids = c.items.map((i) => i.name);
    const plan = `Would delete **${count(ids.length, 'container')}** in ${count(c.requests, 'request')} of up to ${r.batchSize} IDs.\n\n`;
    return plan + plannedTable(ids, c) + skipped + failure;
  }
  const check = finalListingSection(c);
  const nothing = c.finalListing ? 'No container matched: nothing to delete.' : 'Nothing was deleted.';
  if (!c.items.length) return `${nothing}\n${check}${skipped}${failure}`;
  const by = (outcome: ItemResult['outcome']) => c.items.filter((i) => i.outcome === outcome);
  const [deleted, absent, failed] = [by('deleted'), by('absent'), by('failed')];
  const time = durationMs === undefined ? [] : [formatSeconds(durationMs)];
  return (
    markdownTable(
      ['Requested', 'Deleted', 'Failed', 'Requests', 'Deleting', ...(time.length ? ['Total time'] : [])],
      [[String(c.items.length), String(deleted.length), String(failed.length), String(c.requests), formatSeconds(c.deletingMs), ...time]],
    ) +
    (absent.length ? `\n${absentLine(absent.map((i) => i.name))}\n` : '') +
    check +
    (failed.length
      ? `\n### Failures\n\n${cappedTable(
          ['Container', 'Code', 'Message'],
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
  const unseen = final.complete
    ? ''
    : '\nThe final listing was not shown complete: others changed the list while each listing was read, so a selected container may remain unseen.\n';
  if (!final.remaining.length) return `\n${remainingLine(0)}.\n${unseen}`;
  const items = new Map(c.items.map((i) => [i.name, i]));
  const rows = final.remaining.map((x) => [x.id, x.name, x.status, whyStillListed(items.get(x.id))]);
  return `\n**${remainingLine(final.remaining.length)}:**\n\n${cappedTable(['Container', 'Name', 'Status', 'Why'], rows)}${unseen}`;
}

function unreadableSection(records: ClusterCleanup['unreadable']): string {
  if (!records.length) return '';
  return (
    `\n### Records skipped\n\n${count(records.length, 'record')} of the container list cannot be read: skipped, never deleted unless named in \`container_ids\`.\n\n` +
    cappedTable(
      ['Record', 'Why'],
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
    c.failure === undefined ? 'done' : `failed: ${c.failure.split('\n')[0]}`,
  ]);
  const all = r.clusters.flatMap((c) => c.items);
  const sum = (pick: (c: ClusterCleanup) => number) => r.clusters.reduce((n, c) => n + pick(c), 0);
  rows.push([
    'Total',
    ...figures(
      all,
      sum((c) => c.finalListing?.remaining.length ?? 0),
      sum((c) => c.requests),
    ),
    `${r.clusters.filter((c) => c.failure !== undefined).length} failed, ${formatSeconds(durationMs)}`,
  ]);
  const headers = r.dryRun
    ? ['Cluster', 'Would delete', 'Requests', 'Outcome']
    : ['Cluster', 'Requested', 'Deleted', 'Already absent', 'Failed', 'Still listed', 'Requests', 'Outcome'];
  return markdownTable(headers, rows);
}

/** The failure code of a selected container the final listing still shows, not deleted whatever an answer said. */
export const STILL_LISTED = 'still-listed';

/** Why a selected container is still listed, from what became of it. */
export function whyStillListed(item: ItemResult | undefined): string {
  if (item?.outcome !== 'failed') return 'not deleted';
  return item.code === STILL_LISTED ? (item.message ?? '') : `its delete failed (code ${item.code})`;
}

/** "0 selected containers remain (checked by a final listing)": the words of the summary and the log. */
export function remainingLine(count: number): string {
  return `${count} selected container${count === 1 ? '' : 's'} remain${count === 1 ? 's' : ''} (checked by a final listing)`;
}

/** A table of at most `shown` rows, and a line saying how many more there are. */
function cappedTable(headers: readonly string[], rows: readonly (readonly string[])[], shown = SHOWN_ROWS): string {
  if (!shown && rows.length)
    return `${count(rows.length, 'row')} not shown: the summary is full (all are listed in the log and in report_file).\n`;
  const more = rows.length > shown ? `\n…and ${rows.length - shown} more (all are listed in the log and in report_file).\n` : '';
  return markdownTable(headers, rows.slice(0, shown)) + more;
}

function plannedTable(ids: readonly string[], c: ClusterCleanup): string {
  if (!ids.length) return 'No container matched: nothing to delete.\n';
  const byId = new Map(c.selected.map((x) => [x.id, x]));
  const rows = ids.map((id) => {
    const x = byId.get(id);
    return [id, x?.name ?? '(given)', x?.status ?? '', x?.taskType ?? '', x?.createdAt ? new Date(x.createdAt).toISOString() : ''];
  });
  return cappedTable(['Container', 'Name', 'Status', 'Task type', 'Created'], rows);
}

function absentLine(absent: readonly string[]): string {
  const shown = absent
    .slice(0, SHOWN_ROWS)
    .map((id) => `\`${id}\``)
    .join(', ');
  const more = absent.length > SHOWN_ROWS ? ` and ${absent.length - SHOWN_ROWS} more` : '';
  return `**Already absent** (an attempt that may have deleted them got no answer or an error, and a later request or listing found them gone, so this run does not claim them): ${shown}${more}`;
}
