import { CancelledError } from '../../cancel.ts';
import { clock } from '../../clock.ts';
import { formatSeconds } from '../../duration.ts';
import { ActionError, quoted } from '../../errors.ts';
import { logRetry, retryWithin } from '../../http/retry.ts';
import type { CleanContainersConfig } from '../../inputs/containers.ts';
import * as log from '../../log.ts';
import type { ClusterCleanup, ItemResult } from '../../result/result.ts';
import { STILL_LISTED, whyStillListed } from '../../result/summary-cleanup.ts';
import { Batcher } from '../../scnet/batches.ts';
import type { ContainerApi } from '../../scnet/client.ts';
import type { Container } from '../../scnet/containers.ts';
import { startDeleting, type DeleteFailure } from '../../scnet/deleter.ts';
import { listToCheck, listWhileDeleting, type Listing } from '../../scnet/list.ts';
import { selectContainers } from './select.ts';
import { noteUnreadable } from './unreadable.ts';
import { t } from '../../messages/messages.ts';

/** Listings after the first pass, at most: each deletes what it still finds selected; the last only checks. */
const MAX_CHECKS = 4;

/**
 * A real run on one cluster. The first pass deletes the explicit IDs and, with a filter, what the
 * listing selects as it reads (src/scnet/list.ts). Others create and delete containers meanwhile,
 * and equal createTimes may come in another order each time: the first pass may miss some. So a
 * run with a filter lists again and deletes what it still selects, until a listing shown complete
 * finds nothing more to delete, at most MAX_CHECKS listings. The last listing is the check: "0
 * selected containers remain (checked by a final listing)", or the step fails naming what remains.
 */
export async function cleanCluster(client: ContainerApi, config: CleanContainersConfig, out: ClusterCleanup): Promise<void> {
  const run = new ClusterRun(client, config, out);
  await run.firstPass();
  if (config.filter && !run.stoppedBy) await run.converge();
  run.finish();
}

class ClusterRun {
  readonly #client: ContainerApi;
  readonly #config: CleanContainersConfig;
  readonly #out: ClusterCleanup;
  /** Where each ID's outcome is in out.items: a later pass's outcome replaces an earlier one. */
  readonly #at = new Map<string, number>();
  /** IDs whose failure was the container's own answer: a later pass does not try them again. */
  readonly #ownFailures = new Set<string>();
  /** Every ID a listing of this run showed. */
  readonly #listed = new Set<string>();
  /** Distinct IDs queued for deleting, in every pass. */
  readonly #requested = new Set<string>();
  /** ", before the listing ended (N containers read)" when the first listing stopped part-way. */
  #unread = '';
  stoppedBy: Error | undefined;

  constructor(client: ContainerApi, config: CleanContainersConfig, out: ClusterCleanup) {
    this.#client = client;
    this.#config = config;
    this.#out = out;
  }

  /**
   * The explicit IDs, then the filter's selection page by page as the listing hands it on. A
   * listing that fails after something was queued stops the deletes, and an account or token error
   * on a delete (or a cancel) stops the listing: either way the rest is reported, never left unsaid.
   */
  async firstPass(): Promise<void> {
    const filter = this.#config.filter;
    const { concurrency } = this.#config;
    const title = filter
      ? t('clean.first_pass_filter', { concurrency })
      : t('clean.first_pass_ids', { count: this.#config.ids.length, concurrency });
    await log.group(title, () =>
      this.#deletePass(this.#config.ids, async (pass) => {
        if (!filter) return;
        const now = clock.now();
        let selected = 0;
        let unknownAge = 0;
        let read = 0;
        try {
          const listing = await listWhileDeleting(this.#client, this.#config.concurrency, {
            onPage: (count, total) => {
              read = count;
              pass.listed(count, total);
            },
            onSettled: (containers) => {
              const stopped = pass.stoppedBy();
              if (stopped) throw stopped;
              const page = selectContainers(containers, filter, now);
              selected += page.selected.length;
              unknownAge += page.unknownAge;
              pass.queue(page.selected.map((c) => c.id));
            },
          });
          this.#noteListing(listing);
          log.info(t('clean.listed', { count: listing.containers.length, selected }));
          warnUnknownAge(unknownAge);
        } catch (err) {
          if (!pass.queued()) throw err;
          this.#unread = t('clean.unread_listing', { read });
          pass.stop(err as Error, err instanceof CancelledError ? t('ai.after_cancel', { signal: err.signal }) : t('clean.list_failed'));
        }
      }),
    );
  }

  /** Lists again, deletes what is still selected, until a listing shown complete finds nothing more (see cleanCluster). */
  async converge(): Promise<void> {
    const filter = this.#config.filter!;
    for (let check = 1; ; check++) {
      let listing: Listing;
      try {
        listing = await log.group(t('clean.check_group', { check, max: MAX_CHECKS }), () =>
          listToCheck(this.#client, this.#config.concurrency),
        );
      } catch (err) {
        if (!(err instanceof CancelledError)) this.#unread = t('clean.check_failed');
        this.stoppedBy = err as Error;
        return;
      }
      if (listing.complete) this.#goneSince(listing);
      this.#noteListing(listing);
      const { selected } = selectContainers(listing.containers, filter, clock.now());
      const chosen = new Set([...this.#config.ids, ...selected.map((c) => c.id)]);
      const remaining = listing.containers.filter((c) => chosen.has(c.id));
      const pending = remaining.filter((c) => !this.#ownFailures.has(c.id));
      const listed = { count: listing.containers.length, remaining: remaining.length };
      log.info(listing.complete ? t('clean.relisted', listed) : t('clean.relisted_incomplete', listed));
      if ((listing.complete && !pending.length) || check === MAX_CHECKS) {
        this.#out.finalListing = { remaining, complete: listing.complete };
        // Not deleted, whatever an answer said: a failure of its own, so the outputs tell it too.
        for (const c of remaining) {
          const item = this.#item(c.id);
          if (item?.outcome !== 'failed')
            this.#fail({
              id: c.id,
              code: STILL_LISTED,
              msg: item?.outcome === 'deleted' ? t('clean.still_listed_after_success') : t('clean.still_listed_not_deleted'),
              retry: false,
            });
        }
        return;
      }
      if (pending.length)
        await log.group(t('clean.delete_still_listed', { count: pending.length }), () =>
          this.#deletePass(
            pending.map((c) => c.id),
            async () => {},
          ),
        );
      if (this.stoppedBy) return;
    }
  }

  /** Logs the end of the run; throws what fails it: a stop, failures, or selected containers still listed. */
  finish(): void {
    const by = (outcome: ItemResult['outcome']) => this.#out.items.filter((i) => i.outcome === outcome);
    const [deleted, absent, failed] = [by('deleted'), by('absent'), by('failed')];
    const requested = this.#requested.size;
    if (requested)
      log.info(
        t('clean.deleted', { deleted: deleted.length, requested, time: formatSeconds(this.#out.deletingMs), requests: this.#out.requests }),
      );
    else log.info(t('clean.nothing'));
    if (absent.length) log.info(t('clean.absent', { count: absent.length, ids: absent.map((i) => i.name).join(', ') }));
    if (this.stoppedBy) {
      const hint = this.stoppedBy instanceof ActionError ? this.stoppedBy.hint : undefined;
      const cancelled = this.stoppedBy instanceof CancelledError;
      // What the listings did not see, the run cannot have deleted or failed: it says so.
      const unchecked = this.#unread || (this.#config.filter && !this.#out.finalListing ? t('clean.unchecked') : '');
      const stopped = { deleted: deleted.length, requested, unchecked, error: this.stoppedBy.message };
      throw new ActionError(
        cancelled ? t('clean.cancelled_after', stopped) : t('clean.stopped_after', stopped),
        cancelled ? t('clean.cancelled.hint') : hint,
        { cause: this.stoppedBy },
      );
    }
    const problems: string[] = [];
    if (failed.length) problems.push(`${t('clean.failed', { failed: failed.length, requested })}\n${listItems(failed)}`);
    const final = this.#out.finalListing;
    if (final?.remaining.length)
      problems.push(`${t('clean.remaining', { count: final.remaining.length })}\n${this.#listRemaining(final.remaining)}`);
    if (final && !final.complete) problems.push(t('clean.final_incomplete', { max: MAX_CHECKS }));
    if (problems.length) throw new ActionError(problems.join('\n'), t('clean.problems.hint'));
    if (final) log.info(t('clean.none_remain'));
  }

  /**
   * One pass of deletes: the IDs given, and those `select` queues while it runs, in batches as
   * they come. What became of each ID goes into the result as the pass ends.
   */
  async #deletePass(ids: readonly string[], select: (pass: PassControl) => Promise<void>): Promise<void> {
    const started = clock.now();
    let firstDelete: number | undefined;
    const listed = { count: 0, total: 0 };
    const done = { deleted: 0, failed: 0 };
    const queued = new Set<string>();
    // One line for both: the listing and the deletes move together.
    const progress = () => {
      const counts = { ...done, queued: queued.size, time: formatSeconds(clock.now() - started) };
      const text = listed.count ? t('clean.progress_listed', { ...counts, ...listed }) : t('clean.progress', counts);
      log.progress(text, listed.count + done.deleted + done.failed, listed.total + queued.size);
    };
    const deleter = startDeleting(this.#client, {
      concurrency: this.#config.concurrency,
      retry: retryWithin(this.#config.network.retryBudgetMs),
      onRetry: logRetry,
      onProgress: (deleted, failed) => {
        Object.assign(done, { deleted, failed });
        progress();
      },
    });
    const batcher = new Batcher(this.#config.batchSize, this.#client.deleteUrl, (batch) => {
      firstDelete ??= clock.now();
      deleter.add(batch);
    });
    const queue = (more: readonly string[]) => {
      for (const id of more) {
        if (queued.has(id)) continue;
        queued.add(id);
        this.#requested.add(id);
        batcher.add(id);
      }
    };
    queue(ids);
    try {
      await select({
        queue,
        queued: () => queued.size,
        listed: (count, total) => {
          Object.assign(listed, { count, total: total ?? 0 });
          progress();
        },
        stoppedBy: () => deleter.stoppedBy,
        stop: (reason, after) => deleter.stop(reason, after),
      });
    } finally {
      batcher.flush();
      const result = await deleter.finish();
      for (const id of result.deleted) this.#set({ name: id, outcome: 'deleted' });
      for (const id of result.absent) this.#set({ name: id, outcome: 'absent' });
      for (const f of result.failed) this.#fail(f);
      this.#out.requests += result.requests;
      if (firstDelete !== undefined) this.#out.deletingMs += clock.now() - firstDelete;
      this.stoppedBy ??= result.stoppedBy;
    }
  }

  #set(item: ItemResult): void {
    const at = this.#at.get(item.name);
    if (at === undefined) this.#at.set(item.name, this.#out.items.push(item) - 1);
    else this.#out.items[at] = item;
    this.#ownFailures.delete(item.name);
  }

  #fail(f: DeleteFailure): void {
    this.#set({ name: f.id, outcome: 'failed', code: f.code, message: f.msg });
    if (!f.retry) this.#ownFailures.add(f.id);
  }

  /**
   * A listing shown complete no longer holds a container this run saw listed and failed to
   * delete: it is gone (deleted by the batch that answered an error, or by someone else), so it
   * is already absent, never failed.
   */
  #goneSince(listing: Listing): void {
    const now = new Set(listing.containers.map((c) => c.id));
    for (const item of this.#out.items) {
      if (item.outcome === 'failed' && item.code !== 'not-attempted' && this.#listed.has(item.name) && !now.has(item.name))
        this.#set({ name: item.name, outcome: 'absent' });
    }
  }

  #noteListing(listing: Listing): void {
    for (const c of listing.containers) this.#listed.add(c.id);
    noteUnreadable(this.#out, listing.unreadable);
  }

  #item(id: string): ItemResult | undefined {
    const at = this.#at.get(id);
    return at === undefined ? undefined : this.#out.items[at];
  }

  #listRemaining(remaining: readonly Container[]): string {
    const shown = remaining
      .slice(0, 20)
      .map((c) => `  - ${c.id} (${quoted(c.name, 60)}, ${quoted(c.status, 20)}): ${whyStillListed(this.#item(c.id))}`);
    return [...shown, ...(remaining.length > 20 ? [`  - ${t('clean.and_more', { count: remaining.length - 20 })}`] : [])].join('\n');
  }
}

/** What a pass's selection may do: queue IDs, report its progress, and stop the deletes. */
interface PassControl {
  queue(ids: readonly string[]): void;
  queued(): number;
  listed(count: number, total: number | undefined): void;
  stoppedBy(): Error | undefined;
  stop(reason: Error, after: string): void;
}

export function warnUnknownAge(count: number): void {
  if (count) log.warning(t('clean.unknown_age', { count }));
}

function listItems(failed: readonly ItemResult[]): string {
  const shown = failed
    .slice(0, 20)
    .map((f) => `  - ${t('clean.failed_item', { name: f.name, code: String(f.code), message: String(f.message) })}`);
  return [...shown, ...(failed.length > 20 ? [`  - ${t('clean.and_more', { count: failed.length - 20 })}`] : [])].join('\n');
}
