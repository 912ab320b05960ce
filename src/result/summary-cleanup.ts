import { formatSeconds } from '../duration.ts';
import { count, markdownTable } from './markdown.ts';
import type { CleanContainersResult, DeleteVersionsResult, ItemResult, ServicePrune } from './result.ts';

// The summary of the operations that delete: delete-versions and clean-containers. Every list is
// capped: GitHub drops a step summary over 1 MiB, and the log and report_file have every item.
const SHOWN_ROWS = 100;

export function cleanupSummary(result: DeleteVersionsResult | CleanContainersResult, durationMs: number): string {
  return result.operation === 'delete-versions' ? deleteVersionsSummary(result, durationMs) : cleanContainersSummary(result, durationMs);
}

function deleteVersionsSummary(result: DeleteVersionsResult, durationMs: number): string {
  if (!result.services.length)
    return `## ${result.dryRun ? 'Delete versions (dry run)' : 'Delete versions'}: ${result.service_name}\n\nNo version list was read, so nothing was deleted.\n`;
  return result.services.map((service) => serviceSection(service, result.dryRun, durationMs)).join('\n');
}

function serviceSection(s: ServicePrune, dryRun: boolean, durationMs: number): string {
  const by = (outcome: ItemResult['outcome']) => s.items.filter((i) => i.outcome === outcome);
  const [deleted, absent, skipped, failed] = [by(dryRun ? 'would-delete' : 'deleted'), by('absent'), by('skipped'), by('failed')];
  const rows = [
    ...deleted.map((i) => [i.name, dryRun ? 'would delete' : 'deleted', '']),
    ...absent.map((i) => [i.name, 'already absent', 'an attempt got no answer; the retry found it gone']),
    ...skipped.map((i) => [i.name, 'skipped', i.message ?? '']),
    ...failed.map((i) => [i.name, 'failed', i.code === undefined ? (i.message ?? '') : `errcode ${i.code}: ${i.message ?? ''}`]),
  ];
  const counts = dryRun
    ? `Would delete **${deleted.length}**, skipped **${skipped.length}**, failed **${failed.length}**`
    : `Deleted **${deleted.length}**, ${absent.length ? `already absent **${absent.length}**, ` : ''}skipped **${skipped.length}**, failed **${failed.length}**`;
  const image = s.deleteImage ? ', with its image' : '';
  const service = s.serviceDeleted
    ? `\nService ${s.service_name} was deleted with its last version${image}.\n`
    : dryRun && s.deletesService
      ? `\nService ${s.service_name} would be deleted with its last version${image}.\n`
      : '';
  return (
    `## ${dryRun ? 'Delete versions (dry run)' : 'Delete versions'}: ${s.service_name}\n\n` +
    `${counts} (environment ${s.env_id}, ${formatSeconds(durationMs)}).\n` +
    service +
    (rows.length ? `\n${cappedTable(['Version', 'Outcome', 'Reason'], rows)}` : '\nNothing was selected.\n')
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

/** A table of at most SHOWN_ROWS rows, and a line saying how many more there are. */
function cappedTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const more = rows.length > SHOWN_ROWS ? `\n…and ${rows.length - SHOWN_ROWS} more (all are listed in the log and in report_file).\n` : '';
  return markdownTable(headers, rows.slice(0, SHOWN_ROWS)) + more;
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
