import { describe, expect, it } from 'vitest';
import type { ScnetClient } from '../../src/scnet/client.ts';
import { listToCheck, listWhileDeleting } from '../../src/scnet/list.ts';

// The container list as a paginated API gives it while others use the account: fakes that answer
// `start` as an offset into rows that tests change between (or during) the reads.

interface Row {
  readonly id: string;
  readonly status: string;
  readonly createTime: number;
}

const row = (i: number, createTime = 1_700_000_000 + i): Row => ({
  id: `c${String(i).padStart(5, '0')}`,
  status: 'Terminated',
  createTime,
});
const rowsOf = (n: number) => Array.from({ length: n }, (_, i) => row(i));
const ids = (rows: readonly { id: string }[]) => rows.map((r) => r.id);

/**
 * A list client over `rows` (newest first, as sort "desc" asks): each page is cut when answered,
 * after a tick, so deletes in between shift it. `answer` shapes the data; `before` runs before
 * each page is cut (others changing the list).
 */
function fakeList(
  rows: Row[],
  options: { answer?: (records: Row[], start: number) => unknown; before?: (start: number, request: number) => void; cap?: number } = {},
) {
  const stats = { requests: 0, inFlight: 0, maxInFlight: 0, starts: [] as number[] };
  const client = {
    listPage: async (start: number, limit: number) => {
      stats.requests++;
      stats.starts.push(start);
      stats.inFlight++;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      stats.inFlight--;
      options.before?.(start, stats.requests);
      const records = rows.slice(start, start + Math.min(limit, options.cap ?? Infinity));
      return options.answer ? options.answer(records, start) : { total: rows.length, records };
    },
  };
  const remove = (gone: readonly string[]) => {
    for (const id of gone) {
      const at = rows.findIndex((r) => r.id === id);
      if (at >= 0) rows.splice(at, 1);
    }
  };
  return { client: client as unknown as ScnetClient, stats, remove };
}

describe('listWhileDeleting', () => {
  it('reads the pages after the first concurrently, bounded, from the end back, and keeps their order', async () => {
    const rows = rowsOf(1050);
    const list = fakeList(rows);
    const listing = await listWhileDeleting(list.client, 3);
    expect(ids(listing.containers)).toEqual(ids(rows));
    expect(list.stats).toMatchObject({ requests: 11, maxInFlight: 3 });
    expect(list.stats.starts).toEqual([0, 1000, 900, 800, 700, 600, 500, 400, 300, 200, 100]);
    expect(listing.complete).toBe(false);
  });

  it('steps by the length of the first page when the platform serves fewer than asked', async () => {
    const list = fakeList(rowsOf(95), { cap: 30 });
    expect((await listWhileDeleting(list.client, 4)).containers).toHaveLength(95);
    expect(list.stats.requests).toBe(4);
  });

  it('misses nothing when each settled page is deleted at once', async () => {
    const rows = rowsOf(1050);
    const list = fakeList(rows);
    const settled: string[] = [];
    await listWhileDeleting(list.client, 3, {
      onSettled: (containers) => {
        settled.push(...ids(containers));
        list.remove(ids(containers));
      },
    });
    expect(settled.sort()).toEqual(ids(rowsOf(1050)).sort());
    expect(rows).toEqual([]);
  });

  it('takes an empty page before the total as a list others shortened, not as an error', async () => {
    const rows = rowsOf(250);
    const list = fakeList(rows, { answer: (records) => ({ total: 400, records }) });
    expect((await listWhileDeleting(list.client, 4)).containers).toHaveLength(250);
  });

  it.each<[string, (records: Row[]) => unknown]>([
    ['0 with a full first page', (records) => ({ total: 0, records })],
    ['""', (records) => ({ total: '', records })],
    ['false', (records) => ({ total: false, records })],
    ['[]', (records) => ({ total: [], records })],
    ['true with a full first page', (records) => ({ total: true, records })],
    ['smaller than the records received', (records) => ({ total: 7, records })],
    ['1.5', (records) => ({ total: 1.5, records })],
    ['missing', (records) => records],
  ])('does not trust a total that is %s: pages until a short page', async (_, answer) => {
    const list = fakeList(rowsOf(250), { answer });
    const listing = await listWhileDeleting(list.client, 4);
    expect(ids(listing.containers)).toEqual(ids(rowsOf(250)));
    expect(list.stats.starts).toEqual([0, 100, 200]);
  });

  it('takes a positive total beside an empty first page as no total: the list is empty', async () => {
    const list = fakeList([], { answer: () => ({ total: 5, records: [] }) });
    expect((await listWhileDeleting(list.client, 4)).containers).toEqual([]);
    expect(list.stats.requests).toBe(1);
  });

  it('fails on a total no listing could page, before allocating anything for it', async () => {
    const list = fakeList(rowsOf(100), { answer: (records) => ({ total: 1e15, records }) });
    await expect(listWhileDeleting(list.client, 4)).rejects.toThrow('data.total is 1000000000000000: more than 10000 pages of 100');
    expect(list.stats.requests).toBe(1);
  });

  it('fails when every page repeats the first whole: `start` is ignored', async () => {
    const rows = rowsOf(300);
    const list = fakeList(rows, { answer: () => ({ total: 300, records: rows.slice(0, 100) }) });
    await expect(listWhileDeleting(list.client, 1)).rejects.toThrow('the page at start=200 repeats the first page whole');
  });

  it('reads on when a page repeats the first only because others created as many containers meanwhile', async () => {
    const rows = rowsOf(300);
    const list = fakeList(rows, {
      before: (_start, request) => {
        if (request === 2) rows.unshift(...Array.from({ length: 100 }, (_, i) => row(1000 + i, 1_800_000_000 + i)));
      },
    });
    const listing = await listWhileDeleting(list.client, 1);
    // Page 100 now holds what page 0 held: page 0, read again, shows the new ones.
    expect(list.stats.starts).toEqual([0, 200, 100, 0]);
    expect(listing.containers).toHaveLength(200);
  });

  it('skips records it cannot read, hands on none of them, and returns them', async () => {
    const odd = [{ id: 'a&ids=b', status: 'Terminated' }, 'text', { id: 'c1', instanceServiceName: 'x\u0007', status: 'Failed' }];
    const list = fakeList(rowsOf(3), { answer: (records) => ({ total: 6, records: [...records, ...odd] }) });
    const settled: string[] = [];
    const listing = await listWhileDeleting(list.client, 2, { onSettled: (c) => settled.push(...ids(c)) });
    expect(settled).toEqual(ids(rowsOf(3)));
    expect(listing.unreadable.map((u) => u.reason)).toEqual([
      'its id is not a container ID',
      'it is string, not a record',
      'its instanceServiceName is not a name of at most 128 printable characters',
    ]);
    expect(listing.unreadable[2].shown).toBe('{"id":"c1","instanceServiceName":"x\\u0007","status":"Failed"}');
  });

  it('after a page fails, hands on nothing more and asks for no further page', async () => {
    const rows = rowsOf(600);
    const list = fakeList(rows, { answer: (records, start) => (start === 400 ? { total: 600, rows: [] } : { total: 600, records }) });
    const settled: number[] = [];
    await expect(listWhileDeleting(list.client, 2, { onSettled: (c) => settled.push(c.length) })).rejects.toThrow(
      'data is an object with keys total, rows',
    );
    // 500 and 400 were asked together; 500 was handed on before 400 failed; 300 may have been in flight.
    expect(settled).toEqual([100]);
    expect(list.stats.starts.slice(0, 3)).toEqual([0, 500, 400]);
    expect(list.stats.starts.length).toBeLessThanOrEqual(4);
  });
});

describe('listToCheck', () => {
  it('is complete when the list held still: pages overlap, every page tells the total, every record is read', async () => {
    const rows = rowsOf(1000);
    const list = fakeList(rows);
    const listing = await listToCheck(list.client, 4);
    expect(listing.complete).toBe(true);
    expect(ids(listing.containers)).toEqual(ids(rows));
    expect(list.stats.starts).toEqual([0, 90, 180, 270, 360, 450, 540, 630, 720, 810, 900, 990]);
  });

  it('reads one page of an empty list, complete', async () => {
    const list = fakeList([]);
    expect(await listToCheck(list.client, 4)).toMatchObject({ containers: [], complete: true });
    expect(list.stats.requests).toBe(1);
  });

  it.each([
    ['create', (rows: Row[], request: number) => rows.unshift(row(5000 + request, 1_800_000_000 + request))],
    ['delete', (rows: Row[]) => rows.shift()],
  ])('is complete, missing no record that stayed, while others %s a container before every page', async (_, change) => {
    const rows = rowsOf(1000);
    const stayed = ids(rows).slice(2 * 13);
    const list = fakeList(rows, { before: (_start, request) => change(rows, request) });
    const listing = await listToCheck(list.client, 4);
    expect(listing.complete).toBe(true);
    const listed = new Set(ids(listing.containers));
    expect(stayed.filter((id) => !listed.has(id))).toEqual([]);
  });

  it('is not complete when a shift between two pages is wider than their overlap', async () => {
    const rows = rowsOf(1000);
    const list = fakeList(rows, { before: (start) => start === 450 && rows.splice(0, 30) });
    expect((await listToCheck(list.client, 1)).complete).toBe(false);
  });

  it('reads the pages around equal createTimes again until each is seen, when their order changes every query', async () => {
    // 150 containers of one createTime, which the platform orders at random in each query.
    const tied = Array.from({ length: 150 }, (_, i) => row(i, 1_700_000_000));
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const list = fakeList([], {
      answer: (_records, start) => {
        const shuffled = tied
          .map((r) => ({ r, at: random() }))
          .sort((a, b) => a.at - b.at)
          .map(({ r }) => r);
        return { total: 150, records: shuffled.slice(start, start + 100) };
      },
    });
    const listing = await listToCheck(list.client, 4);
    expect(listing.complete).toBe(true);
    expect(ids(listing.containers).sort()).toEqual(ids(tied).sort());
  });

  it('is not complete when equal createTimes keep one record out of every page read', async () => {
    const tied = Array.from({ length: 150 }, (_, i) => row(i, 1_700_000_000));
    const [hidden, ...others] = tied;
    // Always outside the page asked for: first after it, or first of the list when the page is the last.
    const list = fakeList([], {
      answer: (_records, start) => {
        const order = start === 0 ? [...others, hidden] : [hidden, ...others];
        return { total: 150, records: order.slice(start, start + 100) };
      },
    });
    const listing = await listToCheck(list.client, 4);
    expect(listing.complete).toBe(false);
    expect(ids(listing.containers)).not.toContain(hidden.id);
  });

  it('is complete without a total: overlapping pages, each anchored to the next, up to a short one', async () => {
    const rows = rowsOf(250);
    const list = fakeList(rows, { answer: (records) => records });
    const listing = await listToCheck(list.client, 4);
    expect(listing.complete).toBe(true);
    expect(ids(listing.containers)).toEqual(ids(rows));
    expect(list.stats.starts).toEqual([0, 90, 180]);
  });

  it('is complete without a total for a list shorter than a page, followed by an empty page', async () => {
    const list = fakeList(rowsOf(2), { answer: (records) => records });
    expect(await listToCheck(list.client, 4)).toMatchObject({ complete: true });
    expect(list.stats.starts).toEqual([0, 2]);
  });

  it('reads on past the total when the list grew while it was read', async () => {
    const rows = rowsOf(200);
    const list = fakeList(rows, {
      before: (_start, request) => {
        if (request === 2) rows.push(...Array.from({ length: 150 }, (_, i) => row(300 + i, 1_600_000_000 - i)));
      },
    });
    const listing = await listToCheck(list.client, 1);
    expect(listing.containers).toHaveLength(350);
    expect(list.stats.starts).toEqual([0, 90, 180, 270]);
    expect(listing.complete).toBe(true);
  });
});
