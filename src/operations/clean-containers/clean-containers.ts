import type { ScnetClient } from '../../scnet/client.ts';
import { clock } from '../../clock.ts';
import { connectScnet } from '../../scnet/connect.ts';
import { Batcher, makeBatches } from '../../scnet/batches.ts';
import type { Container } from '../../scnet/containers.ts';
import { selectContainers, type ContainerFilter } from './select.ts';
import { startDeleting, type DeleteFailure, type DeleteResult } from '../../scnet/deleter.ts';
import { listAllContainers } from '../../scnet/list.ts';
import { ActionError } from '../../errors.ts';
import { logRetry, retryWithin } from '../../http/retry.ts';
import type { CleanContainersConfig } from '../../inputs/containers.ts';
import { formatSeconds } from '../../duration.ts';
import type { CleanContainersResult, ItemResult } from '../../result/result.ts';
import * as log from '../../log.ts';

export function begin(config: CleanContainersConfig): CleanContainersResult {
  return {
    operation: 'clean-containers',
    dryRun: config.dryRun,
    items: [],
    selected: [],
    requests: 0,
    batchSize: config.batchSize,
    deletingMs: 0,
    wouldSend: [],
  };
}

/**
 * Deletes the listed container IDs and the containers the filter selects, in batches. A real run
 * deletes while it lists: each page's selected containers are queued as soon as the listing hands
 * them on (see listAllContainers for why that never makes it skip one).
 */
export async function execute(config: CleanContainersConfig, result: CleanContainersResult): Promise<void> {
  const started = clock.now();
  // The reads of a real run (token, AI host, list when filtering); the client refuses writes in a dry run.
  const client = await connectScnet(config);
  if (config.dryRun) return dryRun(client, config, result);

  const title = config.filter
    ? `List containers and delete the selected ones, ${config.concurrency} request(s) of each at a time`
    : `Delete ${new Set(config.ids).size} container(s), ${config.concurrency} request(s) at a time`;
  const { deletion, requested, listed, listedAll } = await log.group(title, () => deleteSelected(client, config, started));
  result.items.push(
    ...deletion.deleted.map((id): ItemResult => ({ name: id, outcome: 'deleted' })),
    ...deletion.absent.map((id): ItemResult => ({ name: id, outcome: 'absent' })),
    ...deletion.failed.map((f): ItemResult => ({ name: f.id, outcome: 'failed', code: f.code, message: f.msg })),
  );
  Object.assign(result, { requests: deletion.requests, deletingMs: deletion.deletingMs });
  if (deletion.absent.length)
    log.info(
      `${deletion.absent.length} container(s) already absent: a request that may have deleted them got no answer, and the retry found them gone: ${deletion.absent.join(', ')}`,
    );

  if (deletion.stoppedBy) {
    const hint = deletion.stoppedBy instanceof ActionError ? deletion.stoppedBy.hint : undefined;
    const unread = listedAll ? '' : `, before the listing ended (${listed} container(s) read)`;
    throw new ActionError(
      `Stopped after ${deletion.deleted.length} of ${requested} container(s) were deleted${unread}: ${deletion.stoppedBy.message}`,
      hint,
      { cause: deletion.stoppedBy },
    );
  }
  if (deletion.failed.length) {
    throw new ActionError(
      `${deletion.failed.length} of ${requested} container(s) could not be deleted:\n${listFailures(deletion.failed)}`,
      'see the failures table in the job summary; re-running deletes what is still there',
    );
  }
}

interface Deletion {
  readonly deletion: DeleteResult & { readonly deletingMs: number };
  /** Distinct IDs queued: the explicit ones and those the filter selected. */
  readonly requested: number;
  /** Containers read from the list, and whether the listing got to its end. */
  readonly listed: number;
  readonly listedAll: boolean;
}

/**
 * Queues the explicit IDs, then the filter's selection page by page as the listing hands it on.
 * A listing that fails after something was queued stops the deletes, and an account or token
 * error on a delete stops the listing: either way the rest is reported, never left unsaid.
 */
async function deleteSelected(client: ScnetClient, config: CleanContainersConfig, started: number): Promise<Deletion> {
  const queued = new Set<string>();
  const listed = { count: 0, total: 0 };
  let listedAll = !config.filter;
  let deleting: number | undefined;
  const done = { deleted: 0, failed: 0 };
  // One line for both: the listing and the deletes move together.
  const progress = () => {
    const listing = config.filter ? `listed ${listed.count} of ${listed.total}, ` : '';
    const text = `… ${listing}${done.deleted} deleted, ${done.failed} failed of ${queued.size} (${formatSeconds(clock.now() - started)})`;
    log.progress(text, listed.count + done.deleted + done.failed, listed.total + queued.size);
  };
  const deleter = startDeleting(client, {
    concurrency: config.concurrency,
    retry: retryWithin(config.network.retryBudgetMs),
    onRetry: logRetry,
    onProgress: (deleted, failed) => {
      Object.assign(done, { deleted, failed });
      progress();
    },
  });
  const batcher = new Batcher(config.batchSize, client.deleteUrl, (ids) => {
    deleting ??= clock.now();
    deleter.add(ids);
  });
  const queue = (id: string) => {
    if (queued.has(id)) return;
    queued.add(id);
    batcher.add(id);
  };
  config.ids.forEach(queue);
  if (config.filter) {
    try {
      await selectFromList(client, config.filter, config.concurrency, {
        onList: (count, total) => {
          Object.assign(listed, { count, total: total ?? 0 });
          progress();
        },
        onSelected: (containers) => {
          if (deleter.stoppedBy) throw deleter.stoppedBy;
          containers.forEach((c) => queue(c.id));
        },
      });
      listedAll = true;
    } catch (err) {
      if (!queued.size) throw err;
      deleter.stop(err as Error, 'the container list failed');
    }
  }
  batcher.flush();
  const result = await deleter.finish();
  const deletingMs = clock.now() - (deleting ?? clock.now());
  if (queued.size)
    log.info(
      `Deleted ${result.deleted.length} of ${queued.size} container(s) in ${formatSeconds(deletingMs)} (${result.requests} request(s)).`,
    );
  else log.info('Nothing to delete.');
  return { deletion: { ...result, deletingMs }, requested: queued.size, listed: listed.count, listedAll };
}

/**
 * Shows what a real run would delete. With explicit IDs only, a real run reads nothing before its
 * DELETE: here one page of the list is read instead, so a wrong token or AI host fails the dry run
 * as it would fail the real one.
 */
async function dryRun(client: ScnetClient, config: CleanContainersConfig, result: CleanContainersResult): Promise<void> {
  const selected = config.filter
    ? await log.group('List containers', () => selectFromList(client, config.filter!, config.concurrency))
    : [];
  const ids = [...new Set([...config.ids, ...selected.map((c) => c.id)])];
  const requests = makeBatches(ids, config.batchSize, client.deleteUrl).length;
  if (!config.filter) await log.group('Check the token and AI host (one page of the container list)', () => client.listPage(0, 1));
  log.info(`Dry run: would delete ${ids.length} container(s) in ${requests} DELETE request(s):`);
  for (const id of ids) log.info(`  ${id}`);
  result.items.push(...ids.map((id): ItemResult => ({ name: id, outcome: 'would-delete' })));
  result.selected.push(...selected);
  result.requests = requests;
}

interface SelectCallbacks {
  /** How far the listing is; without it, a progress line tells. */
  readonly onList?: (count: number, total: number | undefined) => void;
  /** The containers the filter selects, as the listing settles them. */
  readonly onSelected?: (containers: readonly Container[]) => void;
}

async function selectFromList(
  client: ScnetClient,
  filter: ContainerFilter,
  concurrency: number,
  on: SelectCallbacks = {},
): Promise<Container[]> {
  const now = clock.now();
  const selected: Container[] = [];
  let unknownAge = 0;
  const all = await listAllContainers(client, concurrency, {
    onPage:
      on.onList ??
      ((count, total) => log.progress(`… listed ${count}${total === undefined ? '' : ` of ${total}`} containers`, count, total ?? 0)),
    onSettled: (records) => {
      const page = selectContainers(records, filter, now);
      selected.push(...page.selected);
      unknownAge += page.unknownAge;
      on.onSelected?.(page.selected);
    },
  });
  log.info(`Listed ${all.length} container(s); the filter selects ${selected.length}.`);
  if (unknownAge)
    log.warning(`${unknownAge} container(s) match the filter but have no readable createTime, so older_than leaves them alone.`);
  return selected;
}

function listFailures(failed: readonly DeleteFailure[]): string {
  const shown = failed.slice(0, 20).map((f) => `  - ${f.id}: code ${f.code} (${f.msg})`);
  return [...shown, ...(failed.length > 20 ? [`  - …and ${failed.length - 20} more`] : [])].join('\n');
}
