import { describe, expect, it } from 'vitest';
import { describeSplit, existingVersion, itemsFor, mostServing, planTraffic, proportional, readyVersion } from '../../src/traffic/split.ts';
import type { VersionInfo } from '../../src/wechat/version-list.ts';

// Where traffic goes. The versions come in the order the platform lists them; nothing here may
// depend on that order, and a version whose share is unknown is never taken for a serving one.
const v = (version_name: string, flow_ratio: number | undefined = 0, status = 'normal'): VersionInfo => ({
  version_name,
  status,
  flow_ratio,
  created_time: '2026-01-01 10:00:00',
  createdAt: Date.UTC(2026, 0, 1, 2),
  updated_time: '2026-01-01 10:00:00',
});

describe('proportional', () => {
  it('gives the points left after rounding down to the largest remainders, not to the first: 10 over [1, 2] is 3 and 7', () => {
    expect(proportional(10, [1, 2])).toEqual([3, 7]);
    expect(proportional(10, [2, 1])).toEqual([7, 3]);
    expect(proportional(100, [1, 2])).toEqual([33, 67]);
  });

  it('gives a point left over between equal remainders to the version listed first', () => {
    expect(proportional(10, [1, 1, 2])).toEqual([3, 2, 5]);
  });
});

describe('planTraffic', () => {
  it('says how to start a canary when no other version serves', () => {
    expect(() => planTraffic('new', 10, [v('new', 100), v('idle', 0), v('unknown', undefined)])).toThrow(
      expect.objectContaining({
        hint: 'to start a canary, deploy over a version that serves no traffic (version_name), so the current one keeps serving; or use traffic: 100',
      }),
    );
  });

  it('never returns a split that does not add up to 100', () => {
    expect(() => planTraffic('new', 10.5, [v('a', 70), v('b', 30)])).toThrow(
      'traffic split adds up to 99.5, not 100: [{"version_name":"new","flow_ratio":10.5},{"version_name":"a","flow_ratio":62},{"version_name":"b","flow_ratio":27}]',
    );
  });
});

describe('itemsFor', () => {
  it('sends the given shares, and 0 to every other version that serves now, once each', () => {
    const versions = [v('x', 0), v('old', 90), v('y', 10), v('idle', 0), v('unknown', undefined), v('z', 5)];
    expect(
      itemsFor(
        new Map([
          ['x', 80],
          ['y', 20],
        ]),
        versions,
      ),
    ).toEqual([
      { version_name: 'x', flow_ratio: 80 },
      { version_name: 'y', flow_ratio: 20 },
      { version_name: 'old', flow_ratio: 0 },
      { version_name: 'z', flow_ratio: 0 },
    ]);
  });
});

describe('mostServing', () => {
  it('is the version with the largest share, wherever it is listed', () => {
    for (const versions of [
      [v('idle'), v('a', 10), v('b', 90)],
      [v('b', 90), v('a', 10), v('idle')],
      [v('a', 10), v('idle'), v('b', 90)],
    ]) {
      expect(mostServing(versions)?.version_name).toBe('b');
    }
  });

  it('is none when no version serves: never an idle one, nor one whose share is unknown', () => {
    expect(mostServing([v('idle', 0), v('unknown', undefined)])).toBeUndefined();
    expect(mostServing([])).toBeUndefined();
  });
});

describe('existingVersion and readyVersion', () => {
  const versions = [v('s-002', 0, 'deploying'), v('s-001', 100), v('s-000', 0, '')];

  it('find the named version', () => {
    expect(existingVersion('s-002', versions, 'shop-api')).toBe(versions[0]);
    expect(readyVersion('s-001', versions, 'shop-api')).toBe(versions[1]);
  });

  it('name the versions there are when the named one is not among them', () => {
    expect(() => existingVersion('s-009', versions, 'shop-api')).toThrow(
      expect.objectContaining({
        message: 'Version s-009 does not exist in service shop-api',
        hint: 'the versions are: s-002, s-001, s-000',
      }),
    );
    expect(() => readyVersion('s-009', [], 'shop-api')).toThrow(expect.objectContaining({ hint: 'the versions are: (none)' }));
  });

  it('refuse a version that is not ready for traffic, saying its status', () => {
    expect(() => readyVersion('s-002', versions, 'shop-api')).toThrow(
      expect.objectContaining({
        message: 'Version s-002 of service shop-api is deploying, not ready for traffic',
        hint: 'choose a version whose status is normal (see the version list in the Cloud Hosting console)',
      }),
    );
    expect(() => readyVersion('s-000', versions, 'shop-api')).toThrow(
      'Version s-000 of service shop-api is (no status), not ready for traffic',
    );
  });
});

it('describeSplit lists equal shares by name, whatever the order', () => {
  expect(describeSplit([v('b', 50), v('a', 50)])).toBe('a 50%, b 50%');
  expect(describeSplit([v('a', 50), v('b', 50)])).toBe('a 50%, b 50%');
});
