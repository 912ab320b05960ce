import { describe, expect, it } from 'vitest';
import type { ScnetClient } from '../../src/scnet/client.ts';
import { listAllContainers } from '../../src/scnet/list.ts';
import type { WechatClient } from '../../src/wechat/client.ts';
import { listVersions } from '../../src/wechat/version-list.ts';
import { jsonListOutput, MAX_OUTPUT_BYTES } from '../../src/result/outputs.ts';

/** Answers pages of `rows` after a tick, counting how many requests are in flight at once. */
function pager<T>(rows: readonly T[], pageCap = Infinity) {
  const stats = { inFlight: 0, maxInFlight: 0, requests: 0 };
  const page = async (start: number, limit: number) => {
    stats.requests++;
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    await new Promise((resolve) => setImmediate(resolve));
    stats.inFlight--;
    return rows.slice(start, start + Math.min(limit, pageCap));
  };
  return { page, stats };
}

const container = (i: number) => ({ id: `c${String(i).padStart(5, '0')}`, status: 'Terminated', createTime: 1_700_000_000 + i });

describe('listAllContainers', () => {
  it('reads the pages after the first concurrently, bounded, and keeps their order', async () => {
    const rows = Array.from({ length: 1050 }, (_, i) => container(i));
    const { page, stats } = pager(rows);
    const client = { listPage: async (start: number, limit: number) => ({ total: rows.length, records: await page(start, limit) }) };
    const listed = await listAllContainers(client as unknown as ScnetClient, 3);
    expect(listed.map((c) => c.id)).toEqual(rows.map((c) => c.id));
    expect(stats).toMatchObject({ requests: 11, maxInFlight: 3 });
  });

  it('steps by the length of the first page when the platform serves fewer than asked', async () => {
    const rows = Array.from({ length: 95 }, (_, i) => container(i));
    const { page, stats } = pager(rows, 30);
    const client = { listPage: async (start: number, limit: number) => ({ total: rows.length, records: await page(start, limit) }) };
    expect((await listAllContainers(client as unknown as ScnetClient, 4)).length).toBe(95);
    expect(stats.requests).toBe(4);
  });

  it('fails, rather than return part of the list, on an empty page before the total', async () => {
    const rows = Array.from({ length: 250 }, (_, i) => container(i));
    const client = { listPage: async (start: number) => ({ total: 400, records: rows.slice(start, start + 100) }) };
    await expect(listAllContainers(client as unknown as ScnetClient, 4)).rejects.toThrow(
      'an empty page at start=300 while data.total is 400',
    );
  });
});

describe('listAllContainers handing on pages to delete', () => {
  /**
   * A platform list whose pages are cut when they are answered, not when asked, as a database
   * would: deleting records in between shifts every later page. `answerOrder` decides which of
   * the requests in flight is answered first.
   */
  function shiftingList(count: number, answerOrder: (inFlight: number[]) => number) {
    const rows = Array.from({ length: count }, (_, i) => container(i));
    const waiting: { start: number; answer: () => void }[] = [];
    const asked: number[] = [];
    const answerOne = () => {
      const pick = answerOrder(waiting.map((w) => w.start));
      const [next] = waiting.splice(
        waiting.findIndex((w) => w.start === pick),
        1,
      );
      next.answer();
    };
    const client = {
      listPage: (start: number, limit: number) =>
        new Promise((resolve) => {
          asked.push(start);
          waiting.push({ start, answer: () => resolve({ total: rows.length, records: rows.slice(start, start + limit) }) });
          setImmediate(answerOne);
        }),
    };
    const remove = (ids: readonly string[]) => {
      for (const id of ids)
        rows.splice(
          rows.findIndex((r) => r.id === id),
          1,
        );
    };
    return { client: client as unknown as ScnetClient, rows, asked, remove };
  }

  it.each([
    ['the highest page first', (starts: number[]) => Math.max(...starts)],
    ['the lowest page first', (starts: number[]) => Math.min(...starts)],
  ])('misses nothing when each settled page is deleted at once, answered %s', async (_, order) => {
    const list = shiftingList(1050, order);
    const settled: string[] = [];
    await listAllContainers(list.client, 3, {
      onSettled: (records) => {
        settled.push(...records.map((c) => c.id));
        list.remove(records.map((c) => c.id));
      },
    });
    expect(list.asked).toEqual([0, 1000, 900, 800, 700, 600, 500, 400, 300, 200, 100]);
    expect(settled.sort()).toEqual(Array.from({ length: 1050 }, (_, i) => container(i).id).sort());
    expect(list.rows).toEqual([]);
  });

  it('after a page fails, hands on nothing more and asks for no further page', async () => {
    const rows = Array.from({ length: 600 }, (_, i) => container(i));
    const asked: number[] = [];
    const client = {
      listPage: async (start: number, limit: number) => {
        asked.push(start);
        await new Promise((resolve) => setImmediate(resolve));
        return { total: 600, records: start === 400 ? [{ id: 'bad id!' }] : rows.slice(start, start + limit) };
      },
    };
    const settled: number[] = [];
    await expect(
      listAllContainers(client as unknown as ScnetClient, 2, { onSettled: (records) => settled.push(records.length) }),
    ).rejects.toThrow('record 0 has no usable id');
    // 500 and 400 were asked together; 500 was handed on before 400 failed; 300 may have been in flight.
    expect(settled).toEqual([100]);
    expect(asked.slice(0, 3)).toEqual([0, 500, 400]);
    expect(asked.length).toBeLessThanOrEqual(4);
  });
});

describe('listVersions', () => {
  const version = (i: number) => ({
    version_name: `api-${String(i).padStart(3, '0')}`,
    status: 'normal',
    flow_ratio: 0,
    created_time: '2024-01-01 00:00:00',
  });

  it('reads the pages after the first concurrently and keeps the order', async () => {
    const rows = Array.from({ length: 75 }, (_, i) => version(i));
    const { page, stats } = pager(rows);
    const client = {
      call: async (_api: string, body: { offset: number; limit: number }) => ({
        errcode: 0,
        total: rows.length,
        items: await page(body.offset, body.limit),
      }),
    };
    const listed = await listVersions(client as unknown as WechatClient, 'env', 'api', 4);
    expect(listed.map((v) => v.version_name)).toEqual(rows.map((v) => v.version_name));
    expect(stats).toMatchObject({ requests: 4, maxInFlight: 3 });
  });

  it('refuses a list whose total changed between pages', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => version(i));
    let calls = 0;
    const client = {
      call: async (_api: string, body: { offset: number; limit: number }) => ({
        errcode: 0,
        total: calls++ === 0 ? 30 : 31,
        items: rows.slice(body.offset, body.offset + body.limit),
      }),
    };
    await expect(listVersions(client as unknown as WechatClient, 'env', 'api')).rejects.toThrow(
      'the version list changed while it was read (30 versions read, total 31)',
    );
  });
});

describe('jsonListOutput', () => {
  it('keeps a list that fits as it is', () => {
    expect(jsonListOutput(['a', 'b'], 100)).toBe('["a","b"]');
  });

  it('cuts a list over the cap, still valid JSON, its last element saying how many were left out', () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => i.toString(16).padStart(32, '0'));
    const output = jsonListOutput(ids);
    expect(Buffer.byteLength(output)).toBeLessThanOrEqual(MAX_OUTPUT_BYTES);
    const list = JSON.parse(output) as string[];
    expect(list.slice(0, -1)).toEqual(ids.slice(0, list.length - 1));
    expect(list.at(-1)).toBe(
      `… ${ids.length - (list.length - 1)} more of 100000: the whole list is in the file named by the report_file output`,
    );
  });
});
