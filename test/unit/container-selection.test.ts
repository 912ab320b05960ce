import { describe, expect, it } from 'vitest';
import { selectContainers } from '../../src/operations/clean-containers/select.ts';
import { makeBatches, MAX_URL_LENGTH } from '../../src/scnet/batches.ts';
import { ListShapeError, parseTime, readListPage, type Container } from '../../src/scnet/containers.ts';

// What clean-containers reads from the list and selects to delete: a record it does not
// understand stops the run, a name can carry nothing that reaches a log or table unsafely, an age
// it cannot read is never taken for an old one, and a delete URL never grows past its budget.
const row = { id: 'abc', instanceServiceName: 'train-1', status: 'Failed', taskType: 'ssh', createTime: '2024-01-02 08:00:00' };
const read = (fields: Record<string, unknown>) => readListPage([{ ...row, ...fields }]).records[0];

describe('readListPage', () => {
  it('reads a total of 0, and no total when it is missing or null', () => {
    expect(readListPage({ total: 0, records: [] })).toEqual({ records: [], total: 0 });
    expect(readListPage({ total: null, records: [row] }).total).toBeUndefined();
    expect(readListPage({ records: [row] }).total).toBeUndefined();
  });

  it('reads a numeric id as text', () => expect(read({ id: 42 }).id).toBe('42'));

  it('reads a name that is not text as no name, and the statuses in their documented spelling', () => {
    expect(read({ instanceServiceName: 7 }).name).toBe('');
    expect(read({ status: 'terminated' }).status).toBe('Terminated');
    expect(read({ status: 'COMPLETED' }).status).toBe('Completed');
  });

  it('keeps any printable name of up to 128 characters', () => {
    for (const name of ['', '训练任务 1', 'a'.repeat(128)]) expect(read({ instanceServiceName: name }).name).toBe(name);
  });

  it.each(['evil\u202ename', 'two\nlines', 'tab\there', 'bell\u0007', 'next\u0085line', 'sep\u2028line', 'iso\u2066late', 'a'.repeat(129)])(
    'stops at a name that would read differently in a log or table: %j',
    (name) => expect(() => read({ instanceServiceName: name })).toThrow('record 0 has an instanceServiceName that is not a name'),
  );

  it.each(['a b', ' abc', 'abc ', 'abc/..', 'a'.repeat(65), ''])('stops at an id that could break a URL: %j', (id) =>
    expect(() => read({ id })).toThrow(`record 0 has no usable id: ${JSON.stringify(id)}`),
  );

  it('stops at a record without an id, saying so', () => {
    expect(() => read({ id: undefined })).toThrow('record 0 has no usable id: ""');
    expect(() => read({ id: { value: 'abc' } })).toThrow('record 0 has no usable id: ""');
  });

  it('stops at a status that is not documented, and at a task type that is not a word', () => {
    expect(() => read({ status: 'Exploded' })).toThrow('record 0 has a status that is not documented: "Exploded"');
    expect(() => read({ status: 3 })).toThrow('record 0 has a status that is not documented: ""');
    for (const taskType of ['ssh; rm', ' ssh', 'ssh ', 'x'.repeat(33)])
      expect(() => read({ taskType }), taskType).toThrow(`record 0 has a taskType that is not a task type: ${JSON.stringify(taskType)}`);
    expect(read({ taskType: 'x'.repeat(32) }).taskType).toBe('x'.repeat(32));
    expect(read({ taskType: '' }).taskType).toBe('');
  });

  it('describes an answer it does not understand, briefly', () => {
    expect(() => readListPage({})).toThrow('data is an object with keys (none); expected data.records, data.list or an array');
    const wide = Object.fromEntries('abcdefghij'.split('').map((k) => [k, 1]));
    expect(() => readListPage(wide)).toThrow('data is an object with keys a, b, c, d, e, f, g, h;');
    expect(() => readListPage('ok')).toThrow('data is string;');
    expect(() => readListPage(undefined)).toThrow('data is undefined;');
    expect(() => readListPage([null])).toThrow('record 0 is null');
    expect(() => readListPage({ total: 1.5, records: [] })).toThrow('data.total is 1.5');
  });

  it('says what to do instead when the list is not understood', () => {
    const notUnderstood = () => readListPage({ items: [] });
    expect(notUnderstood).toThrow(ListShapeError);
    expect(notUnderstood).toThrow(
      expect.objectContaining({
        name: 'ListShapeError',
        hint: 'the platform may have changed its list API: use container_ids instead, and report the answer shape to the action maintainers',
      }),
    );
  });
});

describe('parseTime', () => {
  it('takes a createTime of 0 for no time at all, not for 1970: its age is unknown', () => {
    expect(parseTime(0)).toBeUndefined();
    expect(parseTime('0')).toBeUndefined();
    expect(parseTime(1)).toBe(1000);
  });

  it('reads numbers below 1e11 as seconds and from 1e11 as milliseconds', () => {
    expect(parseTime(1e11 - 1)).toBe((1e11 - 1) * 1000);
    expect(parseTime(1e11)).toBe(1e11);
  });
});

describe('selectContainers', () => {
  const now = Date.parse('2024-02-01T00:00:00Z');
  const DAY = 86_400_000;
  const container = (id: string, createdAt: number): Container => ({ id, name: id, status: 'Failed', taskType: 'ssh', createdAt });
  const filter = { statuses: ['Failed'], namePatterns: [], olderThanMs: 7 * DAY, taskTypes: [] };

  it('selects by older_than only what is older: a container exactly older_than old stays', () => {
    const all = [container('older', now - 7 * DAY - 1), container('exactly', now - 7 * DAY), container('younger', now - 7 * DAY + 1)];
    expect(selectContainers(all, filter, now)).toEqual({ selected: [all[0]], unknownAge: 0 });
  });
});

describe('makeBatches', () => {
  const base = 'https://h/ai/openapi/v2/instance-service/task';
  const urlOf = (ids: readonly string[]) => `${base}?${ids.map((id) => `ids=${id}`).join('&')}`;
  // IDs that make the URL exactly `length` characters long: 'ids=<id>' and a separator each.
  const idsFor = (length: number) => {
    const ids = Array.from({ length: 90 }, (_, i) => `c${String(i).padStart(54, '0')}`);
    const last = length - urlOf(ids).length - '&ids='.length;
    return [...ids, 'x'.repeat(last)];
  };

  it('keeps a URL of exactly 6,000 characters in one batch, and starts another for one character more', () => {
    expect(urlOf(idsFor(MAX_URL_LENGTH))).toHaveLength(MAX_URL_LENGTH);
    expect(makeBatches(idsFor(MAX_URL_LENGTH), 1000, base)).toHaveLength(1);
    const over = makeBatches(idsFor(MAX_URL_LENGTH + 1), 1000, base);
    expect(over.map((batch) => batch.length)).toEqual([90, 1]);
    expect(over.map((batch) => urlOf(batch).length <= MAX_URL_LENGTH)).toEqual([true, true]);
  });
});
