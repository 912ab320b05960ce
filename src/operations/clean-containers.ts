import type { AiClient } from '../ai/client.ts';
import { clock } from '../clock.ts';
import { connectAi } from '../ai/connect.ts';
import { makeBatches } from '../ai/batches.ts';
import { selectContainers, type Container } from '../ai/containers.ts';
import { deleteInBatches, type DeleteFailure } from '../ai/deleter.ts';
import { listAllContainers } from '../ai/list.ts';
import { ActionError } from '../errors.ts';
import { logRetry, retryWithin } from '../http/retry.ts';
import type { CleanContainersConfig } from '../inputs/containers.ts';
import { formatSeconds, jsonListOutput, markdownTable, setOutputs, writeReportFile, writeSummary } from '../report.ts';
import * as log from '../log.ts';

/** Rows of selected containers shown in the job summary; the log has every one on a dry run. */
const SUMMARY_ROWS = 100;

/** Deletes the listed container IDs and the containers the filter selects, in batches. */
export async function cleanContainers(config: CleanContainersConfig): Promise<void> {
  const started = clock.now();
  // The reads of a real run (token, AI host, list when filtering); the client refuses writes in a dry run.
  const client = await connectAi(config);
  const selected = config.filter ? await log.group('List containers', () => selectFromList(client, config)) : [];
  const ids = [...new Set([...config.ids, ...selected.map((c) => c.id)])];
  const batches = makeBatches(ids, config.batchSize, client.deleteUrl);

  if (config.dryRun) return dryRun(client, config, ids, batches.length, selected);
  if (ids.length === 0) {
    log.info('Nothing to delete.');
    report({ deleted: [], absent: [], failed: [] });
    writeSummary('## Clean containers\n\nNo container matched: nothing to delete.\n');
    return;
  }

  const deleting = clock.now();
  const result = await log.group(`Delete ${ids.length} container(s) in ${batches.length} request(s), ${config.concurrency} at a time`, () =>
    deleteInBatches(client, batches, {
      concurrency: config.concurrency,
      retry: retryWithin(config.network.retryBudgetMs),
      onRetry: logRetry,
      onProgress: (deleted, failed) =>
        log.progress(
          `… ${deleted} deleted, ${failed} failed of ${ids.length} (${formatSeconds(clock.now() - deleting)})`,
          deleted + failed,
          ids.length,
        ),
    }),
  );
  const deleteMs = clock.now() - deleting;
  log.info(`Deleted ${result.deleted.length} of ${ids.length} container(s) in ${formatSeconds(deleteMs)} (${result.requests} request(s)).`);
  if (result.absent.length)
    log.info(
      `${result.absent.length} container(s) already absent: a request that may have deleted them got no answer, and the retry found them gone: ${result.absent.join(', ')}`,
    );

  report(result);
  writeSummary(
    `## Clean containers\n\n` +
      markdownTable(
        ['Requested', 'Deleted', 'Failed', 'Requests', 'Deleting', 'Total time'],
        [
          [
            String(ids.length),
            String(result.deleted.length),
            String(result.failed.length),
            String(result.requests),
            formatSeconds(deleteMs),
            formatSeconds(clock.now() - started),
          ],
        ],
      ) +
      (result.absent.length ? `\n${absentLine(result.absent)}\n` : '') +
      (result.failed.length
        ? `\n### Failures\n\n${markdownTable(
            ['Container', 'Code', 'Message'],
            result.failed.map((f) => [f.id, f.code, f.msg]),
          )}`
        : ''),
  );

  if (result.stoppedBy) {
    const hint = result.stoppedBy instanceof ActionError ? result.stoppedBy.hint : undefined;
    throw new ActionError(
      `Stopped after ${result.deleted.length} of ${ids.length} container(s) were deleted: ${result.stoppedBy.message}`,
      hint,
    );
  }
  if (result.failed.length) {
    throw new ActionError(
      `${result.failed.length} of ${ids.length} container(s) could not be deleted:\n${listFailures(result.failed)}`,
      'see the failures table in the job summary; re-running deletes what is still there',
    );
  }
}

/**
 * Shows what a real run would delete. With explicit IDs only, a real run reads nothing before its
 * DELETE: here one page of the list is read instead, so a wrong token or AI host fails the dry run
 * as it would fail the real one.
 */
async function dryRun(
  client: AiClient,
  config: CleanContainersConfig,
  ids: readonly string[],
  requests: number,
  selected: readonly Container[],
) {
  if (!config.filter) await log.group('Check the token and AI host (one page of the container list)', () => client.listPage(0, 1));
  log.info(`Dry run: would delete ${ids.length} container(s) in ${requests} DELETE request(s):`);
  for (const id of ids) log.info(`  ${id}`);
  report({ deleted: [], absent: [], failed: [] });
  writeSummary(
    `## Clean containers (dry run)\n\nWould delete **${ids.length}** container(s) in ${requests} request(s) of up to ${config.batchSize} IDs.\n\n` +
      plannedTable(ids, selected),
  );
}

async function selectFromList(client: AiClient, config: CleanContainersConfig): Promise<Container[]> {
  const all = await listAllContainers(client, config.concurrency, (count, total) =>
    log.progress(`… listed ${count}${total === undefined ? '' : ` of ${total}`} containers`, count, total ?? 0),
  );
  const { selected, unknownAge } = selectContainers(all, config.filter!, Date.now());
  log.info(`Listed ${all.length} container(s); the filter selects ${selected.length}.`);
  if (unknownAge)
    log.warning(`${unknownAge} container(s) match the filter but have no readable createTime, so older_than leaves them alone.`);
  return [...selected];
}

function report(result: { deleted: readonly string[]; absent: readonly string[]; failed: readonly DeleteFailure[] }): void {
  setOutputs({
    deleted_containers: jsonListOutput(result.deleted),
    deleted_count: result.deleted.length,
    absent_containers: jsonListOutput(result.absent),
    absent_count: result.absent.length,
    failed_containers: jsonListOutput(result.failed),
    failed_count: result.failed.length,
    report_file: writeReportFile('clean-containers', { deleted: result.deleted, absent: result.absent, failed: result.failed }),
  });
}

function plannedTable(ids: readonly string[], selected: readonly Container[]): string {
  if (!ids.length) return 'No container matched: nothing to delete.\n';
  const byId = new Map(selected.map((c) => [c.id, c]));
  const rows = ids.slice(0, SUMMARY_ROWS).map((id) => {
    const c = byId.get(id);
    return [id, c?.name ?? '(given)', c?.status ?? '', c?.taskType ?? '', c?.createdAt ? new Date(c.createdAt).toISOString() : ''];
  });
  const more = ids.length > SUMMARY_ROWS ? `\n…and ${ids.length - SUMMARY_ROWS} more (all are listed in the log).\n` : '';
  return markdownTable(['Container', 'Name', 'Status', 'Task type', 'Created'], rows) + more;
}

function absentLine(absent: readonly string[]): string {
  const shown = absent
    .slice(0, SUMMARY_ROWS)
    .map((id) => `\`${id}\``)
    .join(', ');
  const more = absent.length > SUMMARY_ROWS ? ` and ${absent.length - SUMMARY_ROWS} more` : '';
  return `**Already absent** (a request that may have deleted them got no answer; the retry found them gone, so this run does not claim them): ${shown}${more}`;
}

function listFailures(failed: readonly DeleteFailure[]): string {
  const shown = failed.slice(0, 20).map((f) => `  - ${f.id}: code ${f.code} (${f.msg})`);
  return [...shown, ...(failed.length > 20 ? [`  - …and ${failed.length - 20} more`] : [])].join('\n');
}
