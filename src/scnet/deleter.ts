import { HttpError } from '../http/request.ts';
import { withRetries, type RetryPolicy } from '../http/retry.ts';
import { workPool } from '../concurrency.ts';
import { UnreadableAnswerError } from '../http/answer.ts';
import { isTransient, mayHaveTakenEffect } from '../http/platform-error.ts';
import { ScnetApiError } from './client.ts';
import { describeCode } from './codes.ts';

export interface DeleteFailure {
  readonly id: string;
  readonly code: string;
  readonly msg: string;
}

export interface DeleteResult {
  readonly deleted: readonly string[];
  /**
   * Not found on a retry, after an attempt that may have deleted them: gone, but whether this run
   * deleted them is not confirmed.
   */
  readonly absent: readonly string[];
  readonly failed: readonly DeleteFailure[];
  /** The account or token error that stopped the run, if one did. */
  readonly stoppedBy: Error | undefined;
  readonly requests: number;
}

export interface DeleteTarget {
  deleteOnce(ids: readonly string[], timeLeftMs: number): Promise<void>;
}

export interface DeleteOptions {
  readonly concurrency: number;
  readonly retry: RetryPolicy;
  readonly onRetry?: (err: unknown, delayMs: number) => void;
  readonly onProgress?: (deleted: number, failed: number) => void;
}

interface Deleter {
  /** Queues one batch of IDs; it is sent as soon as fewer than `concurrency` requests are in flight. */
  add(ids: readonly string[]): void;
  /**
   * Sends nothing more: batches not yet sent are reported not attempted, "after" what is said
   * here (in every failure record, so it holds none of the platform's text).
   */
  stop(reason: Error, after: string): void;
  /** Why the deleter stopped, if it did: an account or token error, or a stop(). */
  readonly stoppedBy: Error | undefined;
  /** Waits for every queued batch and tells what became of each ID. */
  finish(): Promise<DeleteResult>;
}

/**
 * Deletes batches as they are queued, `concurrency` requests at a time. A batch that fails for a
 * reason tied to its IDs is split in halves until each failing ID stands alone, so every deletable
 * container is deleted. Transient failures are retried; an ID the platform no longer knows after a
 * request that may have deleted it is reported as absent, not as deleted: only the answer "0"
 * confirms a delete. An account or token error stops every further request.
 */
export function startDeleting(target: DeleteTarget, options: DeleteOptions): Deleter {
  const deleted: string[] = [];
  const absent: string[] = [];
  const failed: DeleteFailure[] = [];
  let stopped: { readonly reason: Error; readonly after: string } | undefined;
  let requests = 0;
  const progress = () => options.onProgress?.(deleted.length, failed.length);

  const attempt = async (ids: readonly string[], uncertain: boolean): Promise<void> => {
    if (stopped) {
      const msg = `not attempted: the run stopped after ${stopped.after}`;
      failed.push(...ids.map((id) => ({ id, code: 'not-attempted', msg })));
      return;
    }
    let mayHaveDeleted = uncertain;
    try {
      await withRetries(
        async (_attempt, timeLeftMs) => {
          requests++;
          try {
            await target.deleteOnce(ids, timeLeftMs);
          } catch (err) {
            if (mayHaveTakenEffect(err)) mayHaveDeleted = true;
            throw err;
          }
        },
        isTransient,
        options.retry,
        options.onRetry,
      );
      deleted.push(...ids);
    } catch (err) {
      if (stopsTheRun(err)) {
        stopped ??= { reason: err as Error, after: describeStop(err as Error) };
        failed.push(...ids.map((id) => failure(id, err)));
      } else if (ids.length === 1 && mayHaveDeleted && err instanceof ScnetApiError && err.notFound) {
        absent.push(ids[0]);
      } else if (ids.length > 1 && !isTransient(err)) {
        const half = Math.ceil(ids.length / 2);
        await attempt(ids.slice(0, half), mayHaveDeleted);
        await attempt(ids.slice(half), mayHaveDeleted);
        return;
      } else {
        failed.push(...ids.map((id) => failure(id, err)));
      }
    }
    progress();
  };

  const pool = workPool(options.concurrency, (ids: readonly string[]) => attempt(ids, false));
  return {
    add: (ids) => pool.add(ids),
    stop: (reason, after) => void (stopped ??= { reason, after }),
    get stoppedBy() {
      return stopped?.reason;
    },
    finish: async () => {
      await pool.drained();
      return { deleted, absent, failed, stoppedBy: stopped?.reason, requests };
    },
  };
}

/** Errors about the account or the token: every other request would fail the same way. */
function stopsTheRun(err: unknown): boolean {
  if (err instanceof ScnetApiError) return describeCode(err.code, err.api).stop === true;
  return err instanceof HttpError && (err.status === 401 || err.status === 403);
}

function failure(id: string, err: unknown): DeleteFailure {
  if (err instanceof ScnetApiError) return { id, code: err.code, msg: `${describeCode(err.code, err.api).meaning}: ${err.msg}` };
  const unknown = mayHaveTakenEffect(err) ? 'outcome unknown: ' : '';
  if (err instanceof HttpError) return { id, code: err.status ? `HTTP ${err.status}` : err.failure, msg: `${unknown}${err.message}` };
  if (err instanceof UnreadableAnswerError) return { id, code: 'unreadable-answer', msg: `${unknown}${err.message}` };
  return { id, code: 'error', msg: (err as Error).message ?? String(err) };
}

function describeStop(err: Error): string {
  if (err instanceof ScnetApiError) return `code ${err.code} (${describeCode(err.code, err.api).meaning})`;
  return err.message;
}
