import { clock } from '../clock.ts';
import { formatSeconds } from '../duration.ts';
import { errorMessage } from '../errors.ts';
import type { NetworkSettings } from './settings.ts';
import * as log from '../log.ts';
import { retryAfterMs } from './platform-error.ts';
import { t } from '../messages/messages.ts';

export interface RetryPolicy {
  /** Total attempts, the first one included. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Retries start and end within this much time since the first attempt began. */
  readonly budgetMs: number;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 8_000, budgetMs: 120_000 };

/** The default policy, bounded by the user's retry_budget. */
export function retryWithin(budgetMs: number): RetryPolicy {
  return { ...DEFAULT_RETRY, budgetMs };
}

/** How every platform call is bounded: request_timeout for one attempt, retry_budget for them all. */
export interface CallLimits {
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
}

export function callLimits(network: NetworkSettings): CallLimits {
  return { timeoutMs: network.requestTimeoutMs, retry: retryWithin(network.retryBudgetMs) };
}

/** The one warning a retry logs, whichever platform or call: what failed, and when it is tried again. */
export function logRetry(err: unknown, delayMs: number, what?: string): void {
  const why = err instanceof Error ? err.message : errorMessage(err);
  const delay = formatSeconds(delayMs);
  log.warning(what ? t('http.retrying_call', { what, why, delay }) : t('http.retrying', { why, delay }));
}

/** Exponential backoff with jitter: half the step is fixed, half random, so retries spread out. */
export function backoffDelay(policy: RetryPolicy, retry: number, random = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.round(step / 2 + (random() * step) / 2);
}

/** A retry with less time than this left would only fail as a timeout (request_timeout is at least 1s). */
const MIN_ATTEMPT_MS = 1_000;

/**
 * Runs fn until it succeeds, the error is not retryable, or the attempts or the time budget run out.
 * fn learns its attempt number (0-based), so a caller can tell a retried write from the first, and
 * how much of the budget is left: the first attempt has all of request_timeout, a retry must end
 * within the budget, so the caller cuts its timeout to that. The wait before a retry is the
 * backoff, or longer when the answer asked for it (Retry-After, a quota window).
 */
export async function withRetries<T>(
  fn: (attempt: number, timeLeftMs: number) => Promise<T>,
  isRetryable: (err: unknown) => boolean,
  policy: RetryPolicy,
  onRetry: (err: unknown, delayMs: number) => void = () => {},
): Promise<T> {
  const started = clock.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt, attempt === 0 ? Infinity : policy.budgetMs - (clock.now() - started));
    } catch (err) {
      if (attempt + 1 >= policy.attempts || !isRetryable(err)) throw err;
      const delayMs = Math.max(backoffDelay(policy, attempt), retryAfterMs(err) ?? 0);
      if (policy.budgetMs - (clock.now() - started) - delayMs < MIN_ATTEMPT_MS) throw err;
      onRetry(err, delayMs);
      await clock.sleep(delayMs);
    }
  }
}
