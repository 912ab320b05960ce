import { describe, expect, it } from 'vitest';
import { selectContainers } from '../../src/operations/clean-containers/select.ts';
import { makeBatches, MAX_URL_LENGTH } from '../../src/scnet/batches.ts';
import { ListShapeError, parseTime, readListPage, type Container } from '../../src/scnet/containers.ts';

// What clean-containers reads from the list and selects to delete: a record it cannot use is
// skipped and shown escaped, never fatal and never selected; a name can carry nothing that reaches
// a log or table unsafely; an age it cannot read is never taken for an old one; a delete URL never
// grows past its budget.
const row = { id: 'abc', instanceServiceName: 'train-1', status: 'Failed', taskType: 'ssh', createTime: '2024-01-02 08:00:00' };
const rowOf = (fields: Record<string, unknown>) => readListPage([{ ...row, ...fields }]).rows[0];
const read = (fields: Record<string, unknown>) => {
  const { container, unreadable } = rowOf(fields);
  if (!container) throw new Error(`skipped: ${unreadable.reason}`);
  return container;
};
const skipped = (fields: Record<string, unknown>) => rowOf(fields).unreadable?.reason;

describe('readListPage', () => {
  it('reads a total of 0, and no total when it is missing, null or not a count', () => {
    expect(readListPage({ total: 0, records: [] })).toEqual({ rows: [], total: 0 });
    for (const total of [null, undefined, 1.5, -1, '', false, [], true])
      expect(readListPage({ total, records: [row] }).total, String(total)).toBeUndefined();
    expect(readListPage({ total: '12', records: [] }).total).toBe(12);
  });

  it('reads a numeric id as text, and instanceServiceId where id is missing', () => {
    expect(read({ id: 42 }).id).toBe('42');
    expect(read({ id: undefined, instanceServiceId: 'c0ffee' }).id).toBe('c0ffee');
  });

  it('reads the statuses in their documented spelling, and any other as unknown', () => {
    expect(read({ status: 'terminated' })).toMatchObject({ status: 'Terminated', statusKnown: true });
    expect(read({ status: 'COMPLETED' })).toMatchObject({ status: 'Completed', statusKnown: true });
    for (const status of ['Stopped', '停止', 'Exploded']) expect(read({ status })).toMatchObject({ status, statusKnown: false });
  });

  it('keeps any printable name of up to 128 characters', () => {
    for (const name of ['', '训练任务 1', 'a'.repeat(128)]) expect(read({ instanceServiceName: name }).name).toBe(name);
    expect(read({ instanceServiceName: null }).name).toBe('');
  });

  it.each([
    'evil\u202ename',
    'two\nlines',
    'tab\there',
    'bell\u0007',
    'next\u0085line',
    'sep\u2028line',
    'iso\u2066late',
    'a'.repeat(129),
    7,
  ])('skips a record whose name would read differently in a log or table: %j', (name) =>
    expect(skipped({ instanceServiceName: name })).toBe('its instanceServiceName is not a name of at most 128 printable characters'),
  );

  it.each(['a b', ' abc', 'abc ', 'abc/..', 'a'.repeat(65), ''])('skips a record whose id could break a URL: %j', (id) =>
    expect(skipped({ id })).toBe('its id is not a container ID'),
  );

  it('skips a record without an id, saying so', () => {
    expect(skipped({ id: undefined })).toBe('it has no id');
    expect(skipped({ id: { value: 'abc' } })).toBe('it has no id');
  });

  it('skips a record whose status or task type is not text of their shape', () => {
    expect(skipped({ status: 3 })).toBe('its status is not a status');
    expect(skipped({ status: 'x'.repeat(65) })).toBe('its status is not a status');
    for (const taskType of ['ssh; rm', ' ssh', 'ssh ', 'x'.repeat(33)])
      expect(skipped({ taskType }), taskType).toBe('its taskType is not a task type');
    expect(read({ taskType: 'x'.repeat(32) }).taskType).toBe('x'.repeat(32));
    expect(read({ taskType: '' }).taskType).toBe('');
  });

  it('shows a skipped record escaped and cut, whatever it holds', () => {
    const { unreadable } = rowOf({ instanceServiceName: 'evil\u202e\n::error::x'.padEnd(300, 'y') });
    expect(unreadable!.shown).not.toMatch(/[\u202e\n]/);
    expect(unreadable!.shown).toContain('\\u202e');
    expect([...unreadable!.shown].length).toBeLessThanOrEqual(161);
    expect(readListPage([null]).rows[0].unreadable).toMatchObject({ shown: 'null', reason: 'it is null, not a record' });
  });

  it('describes an answer it does not understand, briefly', () => {
    expect(() => readListPage({})).toThrow(
      'data is an object with keys (none); expected data.records, data.list, data.data, data.items or an array',
    );
    const wide = Object.fromEntries('abcdefghij'.split('').map((k) => [k, 1]));
    expect(() => readListPage(wide)).toThrow('data is an object with keys a, b, c, d, e, f, g, h;');
    expect(() => readListPage('ok')).toThrow('data is string;');
    expect(() => readListPage(undefined)).toThrow('data is undefined;');
  });

  it('reads each envelope public clients read', () => {
    for (const envelope of ['records', 'list', 'data', 'items'])
      expect(readListPage({ [envelope]: [row] }).rows[0].container?.id, envelope).toBe('abc');
    expect(readListPage([row]).rows[0].container?.id).toBe('abc');
  });

  it('says what to do instead when the list is not understood', () => {
    const notUnderstood = () => readListPage({ elements: [] });
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
  it.each([0, '0', 1, '1970-01-01 08:00:00', '0001-01-01T00:00:00Z', '20240607', '20240607101213', '', null, undefined, 'yesterday'])(
    'takes %j for an unknown age, never an old one',
    (value) => expect(parseTime(value)).toBeUndefined(),
  );

  it("reads epoch seconds and milliseconds by their length, and the platform's two written forms", () => {
    const at = Date.UTC(2024, 5, 7, 2, 12, 13);
    expect(parseTime(at / 1000)).toBe(at);
    expect(parseTime(String(at / 1000))).toBe(at);
    expect(parseTime(at)).toBe(at);
    expect(parseTime('2024-06-07 10:12:13')).toBe(at);
    expect(parseTime('2024/06/07 10:12:13')).toBe(at);
    expect(parseTime('2024-06-07T02:12:13Z')).toBe(at);
  });
});

describe('selectContainers', () => {
  const now = Date.parse('2024-02-01T00:00:00Z');
  const DAY = 86_400_000;
  const container = (id: string, createdAt: number): Container => ({
    id,
    name: id,
    status: 'Failed',
    statusKnown: true,
    taskType: 'ssh',
    createdAt,
  });
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
