import { afterEach, describe, expect, it, vi } from 'vitest';
import { clock } from '../../src/clock.ts';
import { backoffDelay, withRetries } from '../../src/http/retry.ts';
import { WechatApiError } from '../../src/wechat/client.ts';

const policy = { attempts: 3, baseDelayMs: 1, maxDelayMs: 4, budgetMs: 10_000 };

afterEach(() => vi.restoreAllMocks());

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

  it('starts no retry that would have less than a second of the time budget left', async () => {
    let calls = 0;
    await expect(
      withRetries(
        async () => {
          throw new Error(`attempt ${++calls}`);
        },
        () => true,
        { attempts: 10, baseDelayMs: 50, maxDelayMs: 1000, budgetMs: 1_060 },
      ),
    ).rejects.toThrow('attempt 2');
  });

  it('gives the first attempt all of request_timeout and each retry what is left of the budget', async () => {
    const left: number[] = [];
    await expect(
      withRetries(
        async (_attempt, timeLeftMs) => {
          left.push(timeLeftMs);
          throw new Error('transient');
        },
        () => true,
        { attempts: 3, baseDelayMs: 100, maxDelayMs: 100, budgetMs: 5_000 },
      ),
    ).rejects.toThrow('transient');
    expect(left[0]).toBe(Infinity);
    expect(left[1]).toBeLessThanOrEqual(5_000 - 50);
    expect(left[2]).toBeLessThan(left[1]);
  });

  it('waits as long as the answer asks (Retry-After), and not at all when that does not fit the budget', async () => {
    vi.spyOn(clock, 'sleep').mockResolvedValue();
    const waits: number[] = [];
    const refused = new WechatApiError('getcsversionlist', 45011, 'api minute-quota reach limit');
    let calls = 0;
    const value = await withRetries(
      async () => {
        if (calls++ === 0) throw refused;
        return 'done';
      },
      () => true,
      { attempts: 3, baseDelayMs: 1, maxDelayMs: 2, budgetMs: 120_000 },
      (_err, delayMs) => waits.push(delayMs),
    );
    expect([value, waits]).toEqual(['done', [60_000]]);
    await expect(
      withRetries(
        async () => {
          throw refused;
        },
        () => true,
        { attempts: 3, baseDelayMs: 1, maxDelayMs: 2, budgetMs: 30_000 },
      ),
    ).rejects.toBe(refused);
  });
});

describe('backoffDelay', () => {
  it('grows exponentially up to the cap, with jitter in the upper half', () => {
    const p = { attempts: 9, baseDelayMs: 100, maxDelayMs: 1000, budgetMs: 0 };
    expect([0, 1, 2, 3, 4].map((n) => backoffDelay(p, n, () => 0))).toEqual([50, 100, 200, 400, 500]);
    expect([0, 1, 2, 3, 4].map((n) => backoffDelay(p, n, () => 1))).toEqual([100, 200, 400, 800, 1000]);
  });
});
