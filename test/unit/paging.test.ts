import { describe, expect, it } from 'vitest';
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
