import { describe, expect, it } from 'vitest';
import { backoffDelay, withRetries } from '../../src/http/retry.ts';

const policy = { attempts: 3, baseDelayMs: 1, maxDelayMs: 4, budgetMs: 10_000 };

describe('withRetries', () => {
  it('retries retryable errors until success', async () => {
    let calls = 0;
    const value = await withRetries(
      async (attempt) => {
        calls++;
        if (attempt < 2) throw new Error('transient');
        return 'done';
      },
      () => true,
      policy,
    );
    expect([value, calls]).toEqual(['done', 3]);
  });

  it('stops at once on an error that is not retryable', async () => {
    let calls = 0;
    await expect(
      withRetries(
        async () => {
          calls++;
          throw new Error('fatal');
        },
        () => false,
        policy,
      ),
    ).rejects.toThrow('fatal');
    expect(calls).toBe(1);
  });

  it('gives up after the last attempt with the last error', async () => {
    let calls = 0;
    await expect(
      withRetries(
        async () => {
          throw new Error(`attempt ${++calls}`);
        },
        () => true,
        policy,
      ),
    ).rejects.toThrow('attempt 3');
  });

  it('starts no retry that would end past the time budget', async () => {
    let calls = 0;
    await expect(
      withRetries(
        async () => {
          throw new Error(`attempt ${++calls}`);
        },
        () => true,
        { attempts: 10, baseDelayMs: 50, maxDelayMs: 1000, budgetMs: 60 },
      ),
    ).rejects.toThrow('attempt 2');
  });
});

describe('backoffDelay', () => {
  it('grows exponentially up to the cap, with jitter in the upper half', () => {
    const p = { attempts: 9, baseDelayMs: 100, maxDelayMs: 1000, budgetMs: 0 };
    expect([0, 1, 2, 3, 4].map((n) => backoffDelay(p, n, () => 0))).toEqual([50, 100, 200, 400, 500]);
    expect([0, 1, 2, 3, 4].map((n) => backoffDelay(p, n, () => 1))).toEqual([100, 200, 400, 800, 1000]);
  });
});
