import { formatSeconds } from '../duration.ts';
import { count, inlineMarkdown, markdownTable } from './markdown.ts';
import type { CleanContainersResult, DeleteVersionsResult, ItemResult, ServicePrune } from './result.ts';

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
  if (r.dryRun) {
    const ids = r.items.map((i) => i.name);
    return (
      `## Clean containers (dry run)\n\nWould delete **${count(ids.length, 'container')}** in ${count(r.requests, 'request')} of up to ${r.batchSize} IDs.\n\n` +
      plannedTable(ids, r)
    );
  }
  if (!r.items.length) return '## Clean containers\n\nNo container matched: nothing to delete.\n';
  const by = (outcome: ItemResult['outcome']) => r.items.filter((i) => i.outcome === outcome);
  const [deleted, absent, failed] = [by('deleted'), by('absent'), by('failed')];
  return (
    `## Clean containers\n\n` +
    markdownTable(
      ['Requested', 'Deleted', 'Failed', 'Requests', 'Deleting', 'Total time'],
      [
        [
          String(r.items.length),
          String(deleted.length),
          String(failed.length),
          String(r.requests),
          formatSeconds(r.deletingMs),
          formatSeconds(durationMs),
        ],
      ],
    ) +
    (absent.length ? `\n${absentLine(absent.map((i) => i.name))}\n` : '') +
    (failed.length
      ? `\n### Failures\n\n${cappedTable(
          ['Container', 'Code', 'Message'],
          failed.map((f) => [f.name, String(f.code ?? ''), f.message ?? '']),
        )}`
      : '')
  );
}

/** A table of at most `shown` rows, and a line saying how many more there are. */
function cappedTable(headers: readonly string[], rows: readonly (readonly string[])[], shown = SHOWN_ROWS): string {
  if (!shown && rows.length)
    return `${count(rows.length, 'row')} not shown: the summary is full (all are listed in the log and in report_file).\n`;
  const more = rows.length > shown ? `\n…and ${rows.length - shown} more (all are listed in the log and in report_file).\n` : '';
  return markdownTable(headers, rows.slice(0, shown)) + more;
}

function plannedTable(ids: readonly string[], r: CleanContainersResult): string {
  if (!ids.length) return 'No container matched: nothing to delete.\n';
  const byId = new Map(r.selected.map((c) => [c.id, c]));
  const rows = ids.map((id) => {
    const c = byId.get(id);
    return [id, c?.name ?? '(given)', c?.status ?? '', c?.taskType ?? '', c?.createdAt ? new Date(c.createdAt).toISOString() : ''];
  });
  return cappedTable(['Container', 'Name', 'Status', 'Task type', 'Created'], rows);
}

function absentLine(absent: readonly string[]): string {
  const shown = absent
    .slice(0, SHOWN_ROWS)
    .map((id) => `\`${id}\``)
    .join(', ');
  const more = absent.length > SHOWN_ROWS ? ` and ${absent.length - SHOWN_ROWS} more` : '';
  return `**Already absent** (a request that may have deleted them got no answer; the retry found them gone, so this run does not claim them): ${shown}${more}`;
}
