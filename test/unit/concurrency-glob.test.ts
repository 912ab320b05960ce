import { describe, expect, it } from 'vitest';
import { mapWithConcurrency, workPool } from '../../src/concurrency.ts';
import { parseGlob, matchesAny } from '../../src/glob.ts';

describe('mapWithConcurrency', () => {
  it('keeps input order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapWithConcurrency([5, 1, 4, 2, 3], 2, async (n) => {
      peak = Math.max(peak, ++running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });

  it('handles no items', async () => expect(await mapWithConcurrency([], 3, async () => 1)).toEqual([]));
});

describe('workPool', () => {
  it('starts items in the order added, at most the limit at once, including items added while others run', async () => {
    const started: number[] = [];
    let running = 0;
    let peak = 0;
    const pool = workPool(2, async (n: number) => {
      started.push(n);
      peak = Math.max(peak, ++running);
      await new Promise((resolve) => setImmediate(resolve));
      if (n === 1) pool.add(9);
      running--;
    });
    [1, 2, 3].forEach((n) => pool.add(n));
    await pool.drained();
    expect(started).toEqual([1, 2, 3, 9]);
    expect(peak).toBe(2);
  });

  it('is drained at once when nothing was added, and rejects with the first error after the others finish', async () => {
    await expect(workPool(2, async () => {}).drained()).resolves.toBeUndefined();
    const finished: number[] = [];
    const pool = workPool(3, async (n: number) => {
      await new Promise((resolve) => setImmediate(resolve));
      if (n === 2) throw new Error('two');
      finished.push(n);
    });
    [1, 2, 3].forEach((n) => pool.add(n));
    await expect(pool.drained()).rejects.toThrow('two');
    expect(finished).toEqual([1, 3]);
  });
});

describe('parseGlob', () => {
  it.each([
    ['shop-api-*', 'shop-api-003', true],
    ['shop-api-*', 'shop-api', false],
    ['shop-api-*', 'xshop-api-1', false],
    ['*-00?', 'svc-007', true],
    ['*-00?', 'svc-0071', false],
    ['a.b', 'axb', false],
    ['a.b', 'a.b', true],
    ['(x)[y]', '(x)[y]', true],
    ['*', '', true],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'axxbyyc', true],
    ['a*b*c', 'acb', false],
    ['*ab*ab*', 'xabyab', true],
    ['*ab*ab*', 'xaby', false],
    ['a*a', 'a', false],
    ['??*', 'a', false],
    ['*-?-*', 'x-1-y', true],
    ['a\nb*', 'a\nbc', true],
  ])('%s against %s → %s', (glob, name, expected) => expect(parseGlob(glob)(name)).toBe(expected));

  it('takes milliseconds for a glob of 30 stars on a long name that does not match', () => {
    const glob = parseGlob(`${'a*'.repeat(30)}b`);
    const name = 'a'.repeat(50_000);
    const started = performance.now();
    expect(glob(name)).toBe(false);
    expect(glob(`${name}b`)).toBe(true);
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('finds a piece at the very start of the name: *stable* matches stable-1, so an exclude_pattern protects it', () => {
    expect(parseGlob('*stable*')('stable-1')).toBe(true);
    expect(parseGlob('*-?*')('-1')).toBe(true);
  });

  it('never lets a middle piece use the characters of the suffix: a*bc*c does not match abc', () => {
    expect(parseGlob('a*bc*c')('abc')).toBe(false);
    expect(parseGlob('a*bc*c')('abcc')).toBe(true);
    expect(parseGlob('*??*x')('ax')).toBe(false);
  });

  it('matches any of several globs', () => {
    const globs = ['a-*', 'b-?'].map(parseGlob);
    expect(['a-1', 'b-2', 'b-22', 'c'].map((n) => matchesAny(globs, n))).toEqual([true, true, false, false]);
  });
});
