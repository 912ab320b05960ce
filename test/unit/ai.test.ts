import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Batcher, makeBatches, MAX_URL_LENGTH } from '../../src/scnet/batches.ts';
import { DryRunWriteError } from '../../src/http/call-kind.ts';
import { ScnetApiError, ScnetClient } from '../../src/scnet/client.ts';
import { parseTime, readListPage, type Container } from '../../src/scnet/containers.ts';
import { selectContainers } from '../../src/operations/clean-containers/select.ts';
import { startDeleting, type DeleteOptions, type DeleteTarget } from '../../src/scnet/deleter.ts';
import { tokenExpiry } from '../../src/scnet/jwt.ts';
import { accessKeyHeaders, pickAiUrl, pickClusters } from '../../src/scnet/tokens.ts';
import { HttpError } from '../../src/http/request.ts';
import type { ActionError } from '../../src/errors.ts';
import { CancelledError } from '../../src/cancel.ts';
import { runInScope } from '../../src/job-scope.ts';

const jwt = (claims: object) => `x.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

describe('tokenExpiry', () => {
  it.each<[string, number | undefined]>([
    [jwt({ expireTime: '1686123346568' }), 1686123346568],
    [jwt({ expireTime: 1686123346568 }), 1686123346568],
    [jwt({ user: 'u' }), undefined],
    ['not-a-jwt', undefined],
    ['a.%%%.b', undefined],
  ])('%s', (token, ms) => expect(tokenExpiry(token)?.getTime()).toBe(ms));
});

describe('accessKeyHeaders', () => {
  it('signs the compact JSON of accessKey, timestamp and user with the secret key', () => {
    const headers = accessKeyHeaders({ user: 'u', accessKey: 'ak', secretKey: 'sk' }, 1700000000);
    const expected = createHmac('sha256', 'sk').update('{"accessKey":"ak","timestamp":"1700000000","user":"u"}').digest('hex');
    expect(headers).toEqual({ user: 'u', accessKey: 'ak', timestamp: '1700000000', signature: expected });
  });
});

describe('pickClusters', () => {
  const ac = { clusterId: '0', clusterName: 'ac', token: 't0' };
  const hf = { clusterId: '11112', clusterName: 'hefei', token: 't1' };
  const ks = { clusterId: '22223', clusterName: 'kunshan', token: 't2' };
  it('takes the only usable cluster', () => expect(pickClusters([ac, hf], '')).toEqual([hf]));
  it('takes the one asked for', () => expect(pickClusters([ac, hf, ks], '22223')).toEqual([ks]));
  it('takes every usable one for all', () => expect(pickClusters([ac, hf, ks], 'all')).toEqual([hf, ks]));
  it('asks when several are usable, naming them, and offers all', () => {
    const asked = (() => {
      try {
        pickClusters([ac, hf, ks], '');
      } catch (err) {
        return err as ActionError;
      }
    })();
    expect(asked?.message).toContain('several clusters: 11112 (hefei), 22223 (kunshan)');
    expect(asked?.hint).toContain('or to all to clean each of them');
  });
  it('names the choices for an unknown one', () =>
    expect(() => pickClusters([hf], '9')).toThrow('no token for cluster 9; the user has tokens for: 11112 (hefei)'));
  it('fails when none is usable', () => expect(() => pickClusters([ac], 'all')).toThrow('no cluster that can call container APIs'));
});

describe('pickAiUrl', () => {
  it.each<[unknown, string]>([
    [
      {
        aiUrls: [
          { enable: 'false', url: 'https://old' },
          { enable: 'true', url: 'https://api01.x.com:65106/ai/' },
        ],
      },
      'https://api01.x.com:65106',
    ],
    [{ aiUrls: [{ enable: true, url: 'https://h:1' }] }, 'https://h:1'],
  ])('%j', (data, url) => expect(pickAiUrl(data)).toBe(url));
  it.each([null, {}, { aiUrls: [{ enable: 'false', url: 'x' }] }])('fails on %j', (data) =>
    expect(() => pickAiUrl(data)).toThrow('no enabled AI URL'),
  );
});

describe('readListPage', () => {
  const row = { id: 'abc', instanceServiceName: 'n', status: 'Failed', taskType: 'ssh', createTime: '2024-01-02 08:00:00' };
  const container = {
    id: 'abc',
    name: 'n',
    status: 'Failed',
    statusKnown: true,
    taskType: 'ssh',
    createdAt: Date.parse('2024-01-02T00:00:00Z'),
  };
  const read = (data: unknown) => readListPage(data).rows.map((r) => r.container ?? r.unreadable);
  it.each<[unknown, unknown]>([
    [{ total: 1, records: [row] }, 1],
    [{ total: '1', list: [row] }, 1],
    [{ total: 1, data: [row] }, 1],
    [{ total: 1, items: [row] }, 1],
    [[row], undefined],
  ])('reads %j', (data, total) => {
    expect(read(data)).toEqual([container]);
    expect(readListPage(data).total).toBe(total);
  });
  it('reads the id from instanceServiceId', () => expect(read([{ ...row, id: undefined, instanceServiceId: 'abc' }])).toEqual([container]));
  it.each([0.5, '', false, [], true, -1, '1e3', null])('gives no total for data.total %j', (total) =>
    expect(readListPage({ total, records: [row] }).total).toBeUndefined(),
  );
  it.each<[unknown, string]>([
    [null, 'data is null'],
    [{ rows: [row] }, 'data is an object with keys rows'],
  ])('rejects %j', (data, message) => expect(() => readListPage(data)).toThrow(message));
  it.each<[string, unknown, string]>([
    ['no id', { name: 'x' }, 'it has no id'],
    ['an id that is not one', { ...row, id: 'a&ids=b' }, 'its id is not a container ID'],
    ['a string', 'abc', 'it is string, not a record'],
    ['null', null, 'it is null, not a record'],
    ['a control character in its name', { ...row, instanceServiceName: 'job\r::error::x' }, 'its instanceServiceName is not a name'],
    ['a name of 129 characters', { ...row, instanceServiceName: 'n'.repeat(129) }, 'its instanceServiceName is not a name'],
    ['a number for a name', { ...row, instanceServiceName: 7 }, 'its instanceServiceName is not a name'],
    ['no status', { ...row, status: undefined }, 'its status is not a status'],
    ['a status with a line break', { ...row, status: 'Terminated\n::set-output name=x::1' }, 'its status is not a status'],
    ['an odd task type', { ...row, taskType: 'a b' }, 'its taskType is not a task type'],
  ])('skips a record with %s, saying why, escaped', (_, record, reason) => {
    const [unreadable] = readListPage([record]).rows;
    expect(unreadable.container).toBeUndefined();
    expect(unreadable.unreadable?.reason).toContain(reason);
    // eslint-disable-next-line no-control-regex
    expect(unreadable.unreadable?.shown).not.toMatch(/[\u0000-\u001f]/);
  });
  it.each(['Stopped', '停止', 'terminated ', ''])('reads status %j as unknown, kept as written', (status) => {
    const [{ container: c }] = readListPage([{ ...row, status }]).rows;
    expect(c).toMatchObject({ status, statusKnown: false });
  });
  it('reads a known status in any case, in its documented spelling', () =>
    expect(readListPage([{ ...row, status: 'COMPLETED' }]).rows[0].container).toMatchObject({ status: 'Completed', statusKnown: true }));
});

describe('parseTime', () => {
  it.each<[unknown, number | undefined]>([
    ['2024-01-02 08:00:00', Date.parse('2024-01-02T00:00:00Z')],
    ['2024/01/02 08:00:00', Date.parse('2024-01-02T00:00:00Z')],
    ['2024-01-02T00:00:00Z', Date.parse('2024-01-02T00:00:00Z')],
    [1704153600, 1704153600000],
    ['1704153600000', 1704153600000],
    ['2024-01-02 08:00:00.250', Date.parse('2024-01-02T00:00:00.250Z')],
    ['2024-01-02T08:00:00+08:00', Date.parse('2024-01-02T00:00:00Z')],
    // Epoch seconds are 10 digits, milliseconds 13, from 2000 on.
    [1e9, 1e12],
    [9_999_999_999, 9_999_999_999_000],
    [1e12, 1e12],
    [9_999_999_999_999, 9_999_999_999_999],
    ['2000-01-01T00:00:00Z', Date.UTC(2000, 0, 1)],
    // Unknown: placeholders, impossible dates, digits of no known form, anything else.
    [0, undefined],
    ['0', undefined],
    ['1970-01-01 08:00:00', undefined],
    ['0001-01-01T00:00:00Z', undefined],
    ['20240102', undefined],
    ['20240102080000', undefined],
    ['202401020800', undefined],
    ['2024-02-30 08:00:00', undefined],
    ['2024-02-30T00:00:00Z', undefined],
    ['2024/1/2 08:00:00', undefined],
    ['Tue, 02 Jan 2024 00:00:00 GMT', undefined],
    [999_999_999, undefined],
    [1e10, undefined],
    [999_999_999_999, undefined],
    [1e13, undefined],
    ['1999-12-31T23:59:59Z', undefined],
    [Number.POSITIVE_INFINITY, undefined],
    [-1, undefined],
    [Number.NaN, undefined],
    ['yesterday', undefined],
    ['', undefined],
    [null, undefined],
  ])('%j', (value, ms) => expect(parseTime(value)).toBe(ms));
});

describe('selectContainers', () => {
  const now = Date.parse('2024-02-01T00:00:00Z');
  const c = (status: string, name = 'train-1', createdAt: number | null = now - 10 * 86_400_000, taskType = 'jupyter'): Container => ({
    id: `${status}-${name}`,
    name,
    status,
    statusKnown: ['running', 'deploying', 'waiting', 'terminated', 'failed', 'completed'].includes(status.toLowerCase()),
    taskType,
    createdAt: createdAt ?? undefined,
  });
  const filter = { statuses: ['Terminated', 'Failed', 'Completed'], namePatterns: [], olderThanMs: undefined, taskTypes: [] };
  it('never selects active statuses that are not listed', () => {
    const all = ['Running', 'Deploying', 'Waiting', 'Terminated', 'failed', 'Completed', 'Unknown'].map((s) => c(s));
    expect(selectContainers(all, filter, now).selected.map((x) => x.status)).toEqual(['Terminated', 'failed', 'Completed']);
  });
  it('applies name, type and age, counting unknown ages', () => {
    const all = [
      c('Failed'),
      c('Failed', 'serve'),
      c('Failed', 'train-2', now - 1000),
      c('Failed', 'train-3', null),
      c('Failed', 'train-4', null, 'ssh'),
    ];
    const result = selectContainers(all, { ...filter, namePatterns: ['train-*'], olderThanMs: 86_400_000, taskTypes: ['jupyter'] }, now);
    expect(result.selected.map((x) => x.name)).toEqual(['train-1']);
    expect(result.unknownAge).toBe(1);
  });
});

describe('makeBatches', () => {
  const base = 'https://h/ai/openapi/v2/instance-service/task';
  it('cuts at batch size', () => expect(makeBatches(['a', 'b', 'c', 'd', 'e'], 2, base)).toEqual([['a', 'b'], ['c', 'd'], ['e']]));
  it('keeps each URL within the budget', () => {
    const ids = Array.from({ length: 500 }, (_, i) => `${'x'.repeat(60)}${i}`);
    const batches = makeBatches(ids, 150, base);
    expect(batches.flat()).toEqual(ids);
    for (const batch of batches) {
      const url = new URL(base);
      for (const id of batch) url.searchParams.append('ids', id);
      expect(url.toString().length).toBeLessThanOrEqual(MAX_URL_LENGTH);
    }
  });
  it('is empty for no IDs', () => expect(makeBatches([], 10, base)).toEqual([]));
  it('hands on a batch as soon as it is full, and the rest on flush', () => {
    const batches: string[][] = [];
    const batcher = new Batcher(2, base, (ids) => batches.push(ids));
    batcher.add('a');
    expect(batches).toEqual([]);
    batcher.add('b');
    expect(batches).toEqual([['a', 'b']]);
    batcher.add('c');
    batcher.flush();
    batcher.flush();
    expect(batches).toEqual([['a', 'b'], ['c']]);
  });
});

/** All these batches through one deleter. */
function deleteInBatches(target: DeleteTarget, batches: readonly (readonly string[])[], options: DeleteOptions) {
  const deleter = startDeleting(target, options);
  batches.forEach((ids) => deleter.add(ids));
  return deleter.finish();
}

describe('startDeleting', () => {
  const retry = { attempts: 3, baseDelayMs: 1, maxDelayMs: 2, budgetMs: 10_000 };
  const notFound = (id: string) => new ScnetApiError('delete containers', '716866', `容器 ${id} 不存在`);

  /** A fake platform: all-or-nothing batches, an optional bad ID, and scripted failures first. */
  function platform(bad: Record<string, ScnetApiError> = {}, script: ((ids: readonly string[]) => void)[] = []) {
    const alive = new Set<string>();
    const calls: string[][] = [];
    return {
      alive,
      calls,
      async deleteOnce(ids: readonly string[]) {
        calls.push([...ids]);
        const step = script.shift();
        if (step) return step(ids);
        for (const id of ids) {
          if (bad[id]) throw bad[id];
          if (!alive.has(id)) throw notFound(id);
        }
        for (const id of ids) alive.delete(id);
      },
    };
  }
  const ids = Array.from({ length: 16 }, (_, i) => `id${i}`);

  it('isolates a failing ID with few requests', async () => {
    const p = platform({ id5: new ScnetApiError('d', '716866', 'busy') });
    ids.forEach((id) => p.alive.add(id));
    const result = await deleteInBatches(p, [ids], { concurrency: 2, retry });
    expect(result.failed).toEqual([{ id: 'id5', code: '716866', msg: 'delete task failed: busy', retry: false }]);
    expect([...result.deleted].sort()).toEqual(ids.filter((id) => id !== 'id5').sort());
    expect(p.calls.length).toBe(9); // 1 + 2 per level below the top: log2(16) levels
  });

  it('reports an ID as absent, not deleted, when a request that may have deleted it failed first', async () => {
    const p = platform({}, [
      (batch) => {
        batch.forEach((id) => p.alive.delete(id));
        throw new HttpError({ label: 'test', method: 'DELETE', url: new URL('http://h/x'), timeoutMs: 1 }, 'reset', 'socket hang up');
      },
    ]);
    ['a', 'b'].forEach((id) => p.alive.add(id));
    const result = await deleteInBatches(p, [['a', 'b']], { concurrency: 1, retry });
    expect(result).toMatchObject({ deleted: [], absent: ['a', 'b'], failed: [] });
  });

  it('reports an unknown ID sent alone as failed: nothing could have deleted it', async () => {
    const result = await deleteInBatches(platform(), [['ghost']], { concurrency: 1, retry });
    expect(result.failed).toMatchObject([{ id: 'ghost', code: '716866', retry: false }]);
    expect(result.absent).toEqual([]);
  });

  it('reports an ID not found after its batch answered an error as absent: the batch may have deleted part of itself', async () => {
    // A platform that deletes the IDs before the failing one, then answers the error.
    const p = platform({}, [
      (batch) => {
        batch.slice(0, 3).forEach((id) => p.alive.delete(id));
        throw new ScnetApiError('d', '716866', 'busy');
      },
    ]);
    ['a', 'b', 'c', 'd'].forEach((id) => p.alive.add(id));
    const result = await deleteInBatches(p, [['a', 'b', 'c', 'd']], { concurrency: 1, retry });
    expect([...result.absent].sort()).toEqual(['a', 'b', 'c']);
    expect(result.deleted).toEqual(['d']);
    expect(result.failed).toEqual([]);
  });

  it('splits no further once both halves and all four quarters answer the very error of the batch', async () => {
    const same = new ScnetApiError('d', '10004', 'invalid parameters');
    const more = ids.map((id) => `${id}x`);
    const p = platform(Object.fromEntries([...ids, ...more].map((id) => [id, same])));
    const result = await deleteInBatches(p, [ids, more], { concurrency: 1, retry });
    expect(p.calls).toHaveLength(14); // 1 + 2 + 4 per batch, not 2 × 16 - 1
    expect(result.failed).toHaveLength(32);
    expect(result.failed[0]).toMatchObject({ code: '10004', retry: false });
    expect(result.failed[0].msg).toBe(
      'invalid parameters: invalid parameters (every part of its batch answered the same, so it is not about one container: not split further)',
    );
  });

  it('still isolates two failing IDs with the same answer in different halves, deleting the others', async () => {
    const busy = new ScnetApiError('d', '716866', 'busy');
    const p = platform({ id2: busy, id12: busy });
    ids.forEach((id) => p.alive.add(id));
    const result = await deleteInBatches(p, [ids], { concurrency: 1, retry });
    expect(result.failed.map((f) => f.id)).toEqual(['id2', 'id12']);
    expect(result.deleted).toHaveLength(14);
  });

  it('sends nothing more once the job is cancelled, lets the request in flight finish, and says which were not attempted', async () => {
    const cancel = new AbortController();
    const p = platform({}, [
      async () => {
        cancel.abort('SIGINT');
        await new Promise((resolve) => setImmediate(resolve));
      },
    ]);
    ids.forEach((id) => p.alive.add(id));
    const result = await runInScope({ host: undefined, env: {}, cancel: cancel.signal }, () =>
      deleteInBatches(p, [ids.slice(0, 4), ids.slice(4, 8), ids.slice(8)], { concurrency: 1, retry }),
    );
    expect(p.calls).toHaveLength(1);
    expect(result.deleted).toEqual(ids.slice(0, 4));
    expect(result.stoppedBy).toBeInstanceOf(CancelledError);
    expect(result.failed.map((f) => f.code)).toEqual(Array(12).fill('not-attempted'));
    expect(result.failed[0].msg).toBe('not attempted: the run stopped after the job was cancelled (SIGINT)');
  });

  it('gives up on a batch after the retries of a transient failure, without bisecting', async () => {
    const busy = () => {
      throw new ScnetApiError('d', '716020', 'db');
    };
    const p = platform({}, [busy, busy, busy]);
    const result = await deleteInBatches(p, [['a', 'b']], { concurrency: 1, retry });
    expect(p.calls).toHaveLength(3);
    expect(result.failed.map((f) => f.code)).toEqual(['716020', '716020']);
  });

  it('stops every further request after a permission error', async () => {
    const p = platform({ id0: new ScnetApiError('d', '10009', 'no') });
    ids.forEach((id) => p.alive.add(id));
    const result = await deleteInBatches(p, [ids.slice(0, 4), ids.slice(4, 8), ids.slice(8)], { concurrency: 1, retry });
    expect(p.calls).toHaveLength(1);
    expect(result.stoppedBy).toBeInstanceOf(ScnetApiError);
    expect(result.failed.map((f) => f.code)).toEqual([...Array(4).fill('10009'), ...Array(12).fill('not-attempted')]);
  });
});

describe('ScnetClient in a dry run', () => {
  // Port 9 (discard) on this machine: a request that got out would fail with a network error instead.
  const options = { timeoutMs: 1000, retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0, budgetMs: 0 } };
  it('refuses the batch DELETE itself, before anything is sent', async () => {
    const client = new ScnetClient(options, 'http://127.0.0.1:9', 'tok', true);
    await expect(client.deleteOnce(['abc'], 1000)).rejects.toThrow(DryRunWriteError);
    await expect(client.deleteOnce(['abc'], 1000)).rejects.toThrow(
      'internal error: delete containers changes something, but this run is a dry run (nothing was sent)',
    );
  });
  it('sends it in a real run', async () => {
    const client = new ScnetClient(options, 'http://127.0.0.1:9', 'tok', false);
    await expect(client.deleteOnce(['abc'], 1000)).rejects.not.toThrow(DryRunWriteError);
  });
});
