import { clock } from '../clock.ts';

export interface RetryPolicy {
  /** Total attempts, the first one included. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** No retry starts when it would end past this much time since the first attempt. */
  readonly budgetMs: number;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 8_000, budgetMs: 120_000 };

/** The default policy, bounded by the user's retry_budget. */
export function retryWithin(budgetMs: number): RetryPolicy {
  return { ...DEFAULT_RETRY, budgetMs };
}

/** Exponential backoff with jitter: half the step is fixed, half random, so retries spread out. */
export function backoffDelay(policy: RetryPolicy, retry: number, random = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.round(step / 2 + (random() * step) / 2);
}

/**
 * Runs fn until it succeeds, the error is not retryable, or the attempts or the time budget run out.
 * fn learns its attempt number (0-based), so a caller can tell a retried write from the first.
 */
export async function withRetries<T>(
  fn: (attempt: number) => Promise<T>,
  isRetryable: (err: unknown) => boolean,
  policy: RetryPolicy,
  onRetry: (err: unknown, delayMs: number) => void = () => {},
): Promise<T> {
  const started = clock.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (attempt + 1 >= policy.attempts || !isRetryable(err)) throw err;
      const delayMs = backoffDelay(policy, attempt);
      if (clock.now() - started + delayMs > policy.budgetMs) throw err;
      onRetry(err, delayMs);
      await clock.sleep(delayMs);
    }
  }
}
