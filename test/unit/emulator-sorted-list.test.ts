import { describe, expect, it } from 'vitest';
import { SortedList } from '../../emulator/sorted-list.ts';

describe("the emulator's SortedList", () => {
  it('pages the remaining items exactly as filtering the whole list would, through random removals', () => {
    const items = Array.from({ length: 1000 }, (_, i) => ({ id: `c${i}` }));
    const list = new SortedList(items);
    let remaining = [...items];
    let seed = 7;
    const random = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    for (let round = 0; round < 60; round++) {
      const removed = new Set<string>();
      for (let i = 0; i < 15 && remaining.length; i++) {
        const { id } = remaining[random(remaining.length)];
        list.remove(id);
        removed.add(id);
      }
      list.remove('not-there');
      remaining = remaining.filter((item) => !removed.has(item.id));
      expect(list.size).toBe(remaining.length);
      const start = random(remaining.length + 5);
      expect(list.slice(start, 37)).toEqual(remaining.slice(start, start + 37));
    }
    expect(list.slice(0, 2000)).toEqual(remaining);
  });

  it('removes an item once, and pages an empty list', () => {
    const list = new SortedList([{ id: 'a' }, { id: 'b' }]);
    list.remove('a');
    list.remove('a');
    expect(list.size).toBe(1);
    expect(list.slice(0, 10)).toEqual([{ id: 'b' }]);
    list.remove('b');
    expect(list.slice(0, 10)).toEqual([]);
  });
});
