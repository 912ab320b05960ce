import { CancelledError, throwIfCancelled } from '../cancel.ts';
import { HttpError } from '../http/request.ts';
import { withRetries, type RetryPolicy } from '../http/retry.ts';
import { workPool } from '../concurrency.ts';
import { UnreadableAnswerError } from '../http/answer.ts';
import { isTransient, mayHaveTakenEffect } from '../http/platform-error.ts';
import { ScnetApiError } from './client.ts';
import { describeCode } from './codes.ts';
import { t } from '../messages/messages.ts';

export interface DeleteFailure {
  readonly id: string;
  readonly code: string;
  readonly msg: string;
  /** Not the container's own answer (a transient error, no answer, not attempted): a later pass may try it again. */
  readonly retry: boolean;
}

export interface DeleteResult {
  readonly deleted: readonly string[];
  /**
   * Not found by a later request, after one that may have deleted them (no answer, or an error
   * answer to a batch, which may have deleted part of it): gone, but whether this run deleted
   * them is not confirmed.
   */
  readonly absent: readonly string[];
  readonly failed: readonly DeleteFailure[];
  /** The account or token error, or the cancel, that stopped the run, if one did. */
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
  /** Why the deleter stopped, if it did: an account or token error, a cancel, or a stop(). */
  readonly stoppedBy: Error | undefined;
  /** Waits for every queued batch and tells what became of each ID. */
  finish(): Promise<DeleteResult>;
}

/** What one request (with its retries) came to. */
interface Answer {
  /** Undefined when the platform confirmed the delete; NOT_SENT when the run stopped first. */
  readonly err: unknown;
  /** A request for these IDs may have deleted some of them without saying so. */
  readonly uncertain: boolean;
}

const NOT_SENT = Symbol('not sent');

/**
 * Deletes batches as they are queued, `concurrency` requests at a time. A batch that fails for a
 * reason tied to its IDs is split in halves until each failing ID stands alone, so every deletable
 * container is deleted; when both halves, and then all four quarters, answer the very same error
 * as the batch, that error is not about one container and the batch is not split further (20,000
 * failing IDs cost about 1,400 requests, not 40,000). Transient failures are retried. Only the
 * answer "0" confirms a delete: an ID the platform no longer knows after a request that may have
 * deleted it (no answer, or an error answer to a batch, since nothing says a batch is all or
 * nothing) is reported absent. An account or token error, or a cancel, stops every further
 * request; requests in flight finish.
 */
export function startDeleting(target: DeleteTarget, options: DeleteOptions): Deleter {
  const deleted: string[] = [];
  const absent: string[] = [];
  const failed: DeleteFailure[] = [];
  let stopped: { readonly reason: Error; readonly after: string } | undefined;
  let requests = 0;
  const progress = () => options.onProgress?.(deleted.length, failed.length);
  const fail = (ids: readonly string[], failure: Omit<DeleteFailure, 'id'>) => failed.push(...ids.map((id) => ({ id, ...failure })));

  const request = async (ids: readonly string[], uncertain: boolean): Promise<Answer> => {
    if (stopped) return { err: NOT_SENT, uncertain };
    let mayHaveDeleted = uncertain;
    try {
      await withRetries(
        async (_attempt, timeLeftMs) => {
          throwIfCancelled();
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
      return { err: undefined, uncertain: mayHaveDeleted };
    } catch (err) {
      return { err, uncertain: mayHaveDeleted };
    }
  };

  /** What the answer means for these IDs; splits the batch when the failure may be one ID's. */
  const conclude = async (ids: readonly string[], answer: Answer, sameRun: number): Promise<void> => {
    const { err, uncertain } = answer;
    if (err === undefined) deleted.push(...ids);
    else if (err === NOT_SENT) fail(ids, { code: 'not-attempted', msg: t('ai.not_attempted', { after: stopped!.after }), retry: true });
    else if (err instanceof CancelledError) {
      stopped ??= { reason: err, after: t('ai.after_cancel', { signal: err.signal }) };
      if (uncertain) fail(ids, { code: 'cancelled', msg: t('ai.cancelled_before_retry'), retry: true });
      else fail(ids, { code: 'not-attempted', msg: t('ai.not_attempted', { after: stopped.after }), retry: true });
    } else if (stopsTheRun(err)) {
      stopped ??= { reason: err as Error, after: describeStop(err as Error) };
      fail(ids, { ...failure(err), retry: false });
    } else if (ids.length === 1 && uncertain && err instanceof ScnetApiError && err.notFound) absent.push(ids[0]);
    else if (ids.length > 1 && !isTransient(err)) return split(ids, err, sameRun);
    else fail(ids, { ...failure(err), retry: isTransient(err) });
    progress();
  };

  /** Both halves are sent; an error answer to the batch may have deleted part of it. */
  const split = async (ids: readonly string[], err: unknown, sameRun: number): Promise<void> => {
    const half = Math.ceil(ids.length / 2);
    const halves = [ids.slice(0, half), ids.slice(half)];
    const answers: Answer[] = [];
    for (const h of halves) answers.push(await request(h, true));
    const same = answerKey(err);
    const run = same !== undefined && answers.every((a) => answerKey(a.err) === same) ? sameRun + 1 : 0;
    for (const [i, h] of halves.entries()) {
      if (run < 2) await conclude(h, answers[i], run);
      else {
        const { code, msg } = failure(err);
        fail(h, { code, msg: t('ai.not_split_further', { msg }), retry: false });
        progress();
      }
    }
  };

  const pool = workPool(options.concurrency, async (ids: readonly string[]) => conclude(ids, await request(ids, false), 0));
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

/**
 * The same answer whatever the IDs: an error code with its message, or an HTTP status, that is
 * neither transient, nor about the account, nor "not found" (which is about an ID).
 */
function answerKey(err: unknown): string | undefined {
  if (err instanceof ScnetApiError && !err.transient && !err.notFound && !stopsTheRun(err)) return `${err.code}\n${err.msg}`;
  if (err instanceof HttpError && err.status !== undefined && !err.isTransient && !stopsTheRun(err)) return `HTTP ${err.status}`;
  return undefined;
}

/** Errors about the account or the token: every other request would fail the same way. */
function stopsTheRun(err: unknown): boolean {
  if (err instanceof ScnetApiError) return describeCode(err.code, err.api).stop === true;
  return err instanceof HttpError && (err.status === 401 || err.status === 403);
}

function failure(err: unknown): { code: string; msg: string } {
  if (err instanceof ScnetApiError) return { code: err.code, msg: `${describeCode(err.code, err.api).meaning}: ${err.msg}` };
  const said = (message: string) => (mayHaveTakenEffect(err) ? t('run.outcome_unknown', { message }) : message);
  if (err instanceof HttpError) return { code: err.status ? `HTTP ${err.status}` : err.failure, msg: said(err.message) };
  if (err instanceof UnreadableAnswerError) return { code: 'unreadable-answer', msg: said(err.message) };
  return { code: 'error', msg: (err as Error).message ?? String(err) };
}

function describeStop(err: Error): string {
  if (err instanceof ScnetApiError) return t('ai.stop_code', { code: err.code, meaning: describeCode(err.code, err.api).meaning });
  return err.message;
}
