import { describe, expect, it } from 'vitest';
import type { VersionSelection } from '../../src/inputs/delete-versions.ts';
import { planDeletion } from '../../src/operations/delete-versions/plan.ts';
import { formatChinaTime, parseChinaTime } from '../../src/china-time.ts';
import type { VersionInfo } from '../../src/wechat/version-list.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 5, 30, 4, 0, 0);

/** A version created `daysAgo` days before NOW; newest-first lists are built from these. */
function version(name: string, daysAgo: number, extra: Partial<VersionInfo> = {}): VersionInfo {
  const createdAt = NOW - daysAgo * DAY;
  return {
    version_name: name,
    status: 'normal',
    flow_ratio: 0,
    created_time: formatChinaTime(createdAt),
    createdAt,
    updated_time: formatChinaTime(createdAt),
    ...extra,
  };
}

// Newest first, as getcsversionlist answers: api-006 serves all traffic.
const SERVICE: VersionInfo[] = [
  version('api-006', 1, { flow_ratio: 100 }),
  version('api-005', 3),
  version('api-004', 10, { status: 'build_fail' }),
  version('api-003', 20),
  version('api-002', 30),
  version('web-001', 40),
];

const plan = (selection: Partial<VersionSelection>, versions = SERVICE) => planDeletion(versions, { excludes: [], ...selection }, NOW);
const removed = (selection: Partial<VersionSelection>, versions = SERVICE) => plan(selection, versions).remove.map((v) => v.version_name);

describe('planDeletion', () => {
  it.each<[string, Partial<VersionSelection>, string[]]>([
    ['keep_latest keeps the N newest', { keepLatest: 3 }, ['web-001', 'api-002', 'api-003']],
    ['older_than selects by created_time', { olderThanMs: 15 * DAY }, ['web-001', 'api-002', 'api-003']],
    ['version_pattern alone', { patterns: ['api-*'] }, ['api-002', 'api-003', 'api-004', 'api-005']],
    ['every rule must select', { keepLatest: 2, olderThanMs: 25 * DAY, patterns: ['api-*'] }, ['api-002']],
    ['exclude_pattern protects', { keepLatest: 2, excludes: ['web-*'] }, ['api-002', 'api-003', 'api-004']],
    ['named versions, oldest first', { names: ['api-003', 'api-005'] }, ['api-003', 'api-005']],
    ['names and a rule', { names: ['api-003', 'api-005'], olderThanMs: 15 * DAY }, ['api-003']],
    ['failed builds are deletable', { names: ['api-004'] }, ['api-004']],
  ])('%s', (_, selection, expected) => expect(removed(selection)).toEqual(expected));

  it('never deletes the newest version by rules alone, even when it has no traffic', () => {
    const idle = [version('v3', 1), version('v2', 2, { flow_ratio: 100 }), version('v1', 3)];
    const result = plan({ patterns: ['*'] }, idle);
    expect(result.remove.map((v) => v.version_name)).toEqual(['v1']);
    expect(result.skipped).toEqual([
      { version_name: 'v3', reason: 'the newest version: never deleted by retention rules' },
      { version_name: 'v2', reason: 'receives traffic (flow_ratio 100)' },
    ]);
  });

  it('deletes the newest version when it is named', () => {
    expect(removed({ names: ['v2'] }, [version('v2', 1), version('v1', 2, { flow_ratio: 100 })])).toEqual(['v2']);
  });

  it('skips protected versions selected by rules, and lists only those', () => {
    const versions = [
      version('v5', 1, { flow_ratio: 100 }),
      version('v4', 5, { flow_ratio: 10 }),
      version('v3', 6, { status: 'deploying' }),
      version('v2', 7, { flow_ratio: undefined }),
      version('v1', 8, { status: '' }),
    ];
    const result = plan({ keepLatest: 1 }, versions);
    expect(result.remove).toEqual([]);
    expect(result.refused).toEqual([]);
    expect(result.skipped).toEqual([
      { version_name: 'v4', reason: 'receives traffic (flow_ratio 10)' },
      { version_name: 'v3', reason: 'still being built or deployed (status "deploying")' },
      { version_name: 'v2', reason: 'flow_ratio missing from the version list: treated as receiving traffic' },
      { version_name: 'v1', reason: 'still being built or deployed (status "")' },
    ]);
  });

  it('never deletes a version whose status it does not know, old and idle as it may be', () => {
    const versions = [version('v3', 1, { flow_ratio: 100 }), version('v2', 20, { status: 'suspended' }), version('v1', 30)];
    const reason = 'its status "suspended" is not one the action knows: never deleted on a guess';
    const byRules = plan({ keepLatest: 1 }, versions);
    expect(byRules.remove.map((v) => v.version_name)).toEqual(['v1']);
    expect(byRules.skipped).toEqual([{ version_name: 'v2', reason }]);
    const byName = plan({ names: ['v2'] }, versions);
    expect(byName.remove).toEqual([]);
    expect(byName.refused).toEqual([{ version_name: 'v2', reason }]);
  });

  it('refuses protected named versions and reports names that do not exist', () => {
    const result = plan({ names: ['api-006', 'api-003', 'nope'] });
    expect(result.remove.map((v) => v.version_name)).toEqual(['api-003']);
    expect(result.refused).toEqual([
      { version_name: 'api-006', reason: 'receives traffic (flow_ratio 100)' },
      { version_name: 'nope', reason: 'does not exist: not in the version list of the service' },
    ]);
  });

  it('says why a named version is not selected by the other rules', () => {
    const result = plan({ names: ['api-005', 'web-001', 'api-002'], keepLatest: 2, patterns: ['api-*'], excludes: ['api-002'] });
    expect(result.remove).toEqual([]);
    expect(result.skipped).toEqual([
      { version_name: 'api-005', reason: 'among the 2 newest (keep_latest)' },
      { version_name: 'api-002', reason: 'matches exclude_pattern' },
      { version_name: 'web-001', reason: 'does not match version_pattern' },
    ]);
    expect(plan({ names: ['api-005'], olderThanMs: 7 * DAY }).skipped[0].reason).toBe(
      `created ${SERVICE[1].created_time}, not before the older_than cutoff ${formatChinaTime(NOW - 7 * DAY)} (China time)`,
    );
  });

  it('applies no time rule to a version whose created_time cannot be read', () => {
    const versions = [
      version('v4', 1),
      version('v3', 2, { created_time: 'yesterday', createdAt: undefined }),
      version('v2', 3),
      version('v1', 4),
    ];
    const byTime = plan({ keepLatest: 1 }, versions);
    expect(byTime.remove.map((v) => v.version_name)).toEqual(['v1', 'v2']);
    expect(byTime.skipped).toEqual([
      { version_name: 'v3', reason: 'created_time "yesterday" cannot be read: keep_latest and older_than cannot be applied' },
    ]);
    expect(plan({ patterns: ['v*'] }, versions).skipped).toContainEqual({
      version_name: 'v3',
      reason: 'created_time "yesterday" cannot be read: cannot tell whether it is the newest',
    });
    expect(removed({ names: ['v3'] }, versions)).toEqual(['v3']);
  });

  it('knows when every version goes, so the service may go with the last one', () => {
    expect(plan({ names: ['a', 'b'] }, [version('b', 1), version('a', 2)]).removesAll).toBe(true);
    expect(plan({ names: ['a'] }, [version('b', 1), version('a', 2)]).removesAll).toBe(false);
    expect(plan({ keepLatest: 1 }, [version('a', 2)]).removesAll).toBe(false);
    expect(plan({ names: ['a'] }, []).removesAll).toBe(false);
  });
});

describe('parseChinaTime', () => {
  it.each<[string, number | undefined]>([
    ['2020-12-08 20:56:10', Date.UTC(2020, 11, 8, 12, 56, 10)],
    ['2021-01-01 03:00:00', Date.UTC(2020, 11, 31, 19, 0, 0)],
    ['2020-12-08T20:56:10', Date.UTC(2020, 11, 8, 12, 56, 10)],
    ['2024-02-29 00:00:00', Date.UTC(2024, 1, 28, 16, 0, 0)],
    ['2023-02-29 00:00:00', undefined],
    ['2020-13-01 00:00:00', undefined],
    ['2020-12-08 24:00:00', undefined],
    ['2020-12-08', undefined],
    ['1607432170', undefined],
    ['2020-12-08 20:56:10Z', undefined],
    ['2020-12-08 20:56:10.5', undefined],
    ['2020-12-08 20:56:60', undefined],
    ['2020-04-31 00:00:00', undefined],
    ['', undefined],
  ])('%j → %s', (text, expected) => expect(parseChinaTime(text)).toBe(expected));

  it('round-trips with formatChinaTime', () => expect(formatChinaTime(parseChinaTime('2025-06-30 23:59:59')!)).toBe('2025-06-30 23:59:59'));
});

// What the plan must not depend on: the order the list comes in, ties, unreadable times; and
// where its rules start and stop: exactly keep_latest, exactly older_than.
describe('planDeletion, whatever the list looks like', () => {
  const names = (list: readonly { version_name: string }[]) => list.map((v) => v.version_name);
  // v1 5 days old, v2 3 days, v3 1 day: every order they can come in.
  const orders = [
    ['v1', 'v2', 'v3'],
    ['v1', 'v3', 'v2'],
    ['v2', 'v1', 'v3'],
    ['v2', 'v3', 'v1'],
    ['v3', 'v1', 'v2'],
    ['v3', 'v2', 'v1'],
  ];
  const AGES: Record<string, number> = { v1: 5, v2: 3, v3: 1 };
  const listed = (order: string[]) => order.map((name) => version(name, AGES[name]));

  const removedSet = (selection: Partial<VersionSelection>, versions: VersionInfo[]) => removed(selection, versions).sort();

  it.each(orders)('keeps the newest, and deletes the oldest first, whatever order the list comes in: %s, %s, %s', (...order) => {
    expect(removed({ keepLatest: 1 }, listed(order))).toEqual(['v1', 'v2']);
    expect(removed({ keepLatest: 2 }, listed(order))).toEqual(['v1']);
    expect(removed({ patterns: ['v*'] }, listed(order))).toEqual(['v1', 'v2']);
    // Named versions whose age cannot be read go after those whose age is known.
    const unknown = version('v0', 0, { created_time: '', createdAt: undefined });
    expect(removed({ names: ['v0', 'v1', 'v2'] }, [unknown, ...listed(order)])).toEqual(['v1', 'v2', 'v0']);
  });

  it('never takes a version whose created_time cannot be read for the newest, wherever it is listed', () => {
    const unreadable = version('v9', 0, { created_time: '', createdAt: undefined });
    for (const at of [0, 1, 2, 3]) {
      const versions = listed(['v3', 'v2', 'v1']);
      versions.splice(at, 0, unreadable);
      expect(removedSet({ keepLatest: 1 }, versions), `listed at ${at}`).toEqual(['v1', 'v2']);
      const byPattern = plan({ patterns: ['v*'] }, versions);
      expect(names(byPattern.remove).sort(), `listed at ${at}`).toEqual(['v1', 'v2']);
      expect(byPattern.skipped).toContainEqual({ version_name: 'v3', reason: 'the newest version: never deleted by retention rules' });
    }
  });

  it('keeps a named version whose created_time cannot be read when older_than is given', () => {
    const versions = [version('v2', 1), version('v1', 30, { created_time: 'soon', createdAt: undefined })];
    const result = plan({ names: ['v1'], olderThanMs: DAY }, versions);
    expect(result.remove).toEqual([]);
    expect(result.skipped).toEqual([
      { version_name: 'v1', reason: 'created_time "soon" cannot be read: keep_latest and older_than cannot be applied' },
    ]);
  });

  it('breaks a tie in created_time by the order of the list, newest first as the platform answers', () => {
    const tied = [version('b', 1), version('a', 1), version('old', 2)];
    expect(removed({ keepLatest: 1 }, tied)).toEqual(['old', 'a']);
    expect(removed({ keepLatest: 1 }, [tied[1], tied[0], tied[2]])).toEqual(['old', 'b']);
    expect(removed({ keepLatest: 2 }, tied)).toEqual(['old']);
  });

  it('keeps exactly keep_latest versions: the one after them is the first deleted', () => {
    const five = [5, 4, 3, 2, 1].map((n) => version(`v${n}`, 6 - n));
    for (const keepLatest of [1, 2, 4, 5, 6]) {
      const result = plan({ keepLatest }, five);
      expect(names(result.remove), `keep_latest ${keepLatest}`).toEqual(
        ['v1', 'v2', 'v3', 'v4', 'v5'].slice(0, Math.max(0, 5 - keepLatest)),
      );
    }
  });

  it('deletes by older_than only what was created before the cutoff: a version exactly older_than old stays', () => {
    const at = (ms: number) => ({ ...version('v', 0), createdAt: NOW - ms });
    const only = (v: VersionInfo) => plan({ olderThanMs: 7 * DAY }, [version('newest', 0), v]);
    expect(names(only(at(7 * DAY + 1)).remove)).toEqual(['v']);
    expect(names(only(at(7 * DAY)).remove)).toEqual([]);
    expect(only(at(7 * DAY)).skipped).toEqual([]);
    expect(names(only(at(7 * DAY - 1)).remove)).toEqual([]);
  });
});
