import { describe, expect, it } from 'vitest';
import { clock } from '../../src/clock.ts';
import { runInScope } from '../../src/job-scope.ts';
import { RecordingHost } from '../support/recording-host.ts';
import { describeSplit, planTraffic, proportional } from '../../src/traffic/split.ts';
import { findProduced, sameImage, watchFailure, watchRollout } from '../../src/operations/deploy/watch.ts';
import type { WechatClient } from '../../src/wechat/client.ts';
import { CloudService } from '../../src/wechat/service.ts';
import { parseChinaTime } from '../../src/china-time.ts';
import type { VersionInfo } from '../../src/wechat/version-list.ts';

const v = (version_name: string, fields: Partial<VersionInfo> = {}): VersionInfo => {
  const version = {
    version_name,
    status: 'normal',
    flow_ratio: 0,
    created_time: '2026-01-01 10:00:00',
    updated_time: '2026-01-01 10:00:00',
    ...fields,
  };
  return { createdAt: parseChinaTime(version.created_time), ...version };
};
const before = [v('s-001', { flow_ratio: 100 }), v('s-002', { created_time: '2026-01-02 10:00:00' })];

describe('findProduced', () => {
  it.each<[string, VersionInfo[], string, [string, boolean] | undefined]>([
    ['a version that did not exist before', [...before, v('s-003', { status: 'building' })], 'latest', ['s-003', false]],
    [
      'the newest of several new versions',
      [v('s-004', { created_time: '2026-01-03 10:00:01' }), v('s-003', { created_time: '2026-01-03 10:00:00' }), ...before],
      'latest',
      ['s-004', false],
    ],
    ['nothing while no version changed', before, 'latest', undefined],
    [
      'latest updated in place (newest before is s-002)',
      [before[0], v('s-002', { status: 'deploying', created_time: '2026-01-02 10:00:00' })],
      'latest',
      ['s-002', true],
    ],
    [
      'a named version updated in place',
      [v('s-001', { flow_ratio: 100, updated_time: '2026-01-05 00:00:00' }), before[1]],
      's-001',
      ['s-001', true],
    ],
    ['not another version changed in place', [v('s-001', { status: 'deploying' }), before[1]], 's-002', undefined],
    ['nothing when the replaced version is gone and none is new', [before[0]], 's-002', undefined],
  ])('%s', (_name, versions, replaces, expected) => {
    const found = findProduced(versions, before, replaces);
    expect(found && [found.version.version_name, found.inPlace]).toEqual(expected);
  });
});

describe('sameImage', () => {
  it.each([
    ['reg.io/a/b:1', 'reg.io/a/b:1', true],
    ['https://REG.io/a/b:1', 'reg.io/a/b:1', true],
    ['reg.io/a/b:1/', ' reg.io/a/b:1', true],
    ['reg.io/a/b:1', 'reg.io/a/b:2', false],
    ['reg.io/A/b:1', 'reg.io/a/b:1', false],
    ['', 'reg.io/a/b:1', false],
  ])('%j vs %j: %s', (a, b, same) => expect(sameImage(a, b)).toBe(same));
});

describe('proportional', () => {
  it.each<[number, number[], number[]]>([
    [90, [100], [90]],
    [90, [50, 50], [45, 45]],
    [10, [1, 1, 1], [4, 3, 3]],
    [0, [30, 70], [0, 0]],
    [99, [1, 2], [33, 66]],
    [100, [0, 0], [0, 0]],
  ])('%i over %j is %j', (total, weights, expected) => {
    const shares = proportional(total, weights);
    expect(shares).toEqual(expected);
  });
});

describe('planTraffic', () => {
  const serving = [v('new'), v('a', { flow_ratio: 70 }), v('b', { flow_ratio: 30 }), v('idle')];
  it.each<[number, Record<string, number>]>([
    [100, { new: 100, a: 0, b: 0 }],
    [10, { new: 10, a: 63, b: 27 }],
    [0, { new: 0, a: 70, b: 30 }],
  ])('traffic %i', (traffic, expected) => {
    const items = planTraffic('new', traffic, serving);
    expect(Object.fromEntries(items.map((i) => [i.version_name, i.flow_ratio]))).toEqual(expected);
    expect(items[0].version_name).toBe('new');
  });

  it("counts the new version's current share as its own, not as the rest", () => {
    expect(planTraffic('new', 10, [v('new', { flow_ratio: 100 }), v('old', { flow_ratio: 5 })])).toEqual([
      { version_name: 'new', flow_ratio: 10 },
      { version_name: 'old', flow_ratio: 90 },
    ]);
  });

  it('refuses a canary when no other version serves', () => {
    expect(() => planTraffic('new', 10, [v('new', { flow_ratio: 100 }), v('idle')])).toThrow(
      'no other version of the service serves traffic',
    );
    expect(planTraffic('new', 100, [v('new', { flow_ratio: 100 })])).toEqual([{ version_name: 'new', flow_ratio: 100 }]);
  });
});

it('describeSplit lists the serving versions, largest share first', () => {
  expect(describeSplit([v('b', { flow_ratio: 10 }), v('c'), v('a', { flow_ratio: 90 })])).toBe('a 90%, b 10%');
  expect(describeSplit([v('c')])).toBe('(no version serves traffic)');
});

describe('watchRollout of a version updated in place', () => {
  const OLD = 'reg.io/a/b:1';
  const NEW = 'reg.io/a/b:2';
  const rollout = { runId: 'r1', image_url: NEW, replaces: 'latest', before, acceptedAt: Date.now() };
  const watching = (client: WechatClient, acceptedAt: number) => ({ ...rollout, service: new CloudService(client, 'e', 's'), acceptedAt });
  /** A client whose answers follow a script of [status, updated_time, image] per poll of s-002. */
  const scripted = (steps: [string, string, string][]) => {
    let poll = -1;
    return {
      async call(api: string): Promise<Record<string, unknown>> {
        if (api === 'getcsversionlist') poll = Math.min(poll + 1, steps.length - 1);
        const [status, updated_time, image_url] = steps[poll];
        const items = [before[0], { ...before[1], status, updated_time }];
        return api === 'getcsversionlist' ? { total: 2, items } : { status, image_url };
      },
    } as unknown as WechatClient;
  };
  const options = { timeoutMs: 2_000, pollIntervalMs: 10, traffic: undefined };

  it('waits through a touched version still on the old image, then sees the new one ready', async () => {
    const client = scripted([
      ['normal', '2026-01-09 00:00:00', OLD],
      ['deploying', '2026-01-09 00:00:01', OLD],
      ['normal', '2026-01-09 00:00:02', NEW],
    ]);
    const result = await watchRollout(watching(client, Date.now()), options);
    expect(result).toMatchObject({ outcome: 'ready', version_name: 's-002', image_url: NEW });
    expect(result.timeline.map((c) => c.status)).toEqual(['accepted', 'normal', 'deploying', 'normal']);
  });

  it('calls it a rollback only after the version was seen in progress', async () => {
    const client = scripted([
      ['normal', '2026-01-09 00:00:00', OLD],
      ['deploying', '2026-01-09 00:00:01', OLD],
      ['normal', '2026-01-09 00:00:02', OLD],
    ]);
    const result = await watchRollout(watching(client, Date.now()), options);
    expect(result).toMatchObject({ outcome: 'rolled_back', version_name: 's-002', image_url: OLD });
  });

  it('times out, naming the old image, when the version never leaves it', async () => {
    const client = scripted([['normal', '2026-01-09 00:00:00', OLD]]);
    // On the job's clock, whose waits return at once: the watch never polls past its timeout.
    const { result, acceptedAt, elapsed } = await runInScope({ host: new RecordingHost(), env: {}, timeScale: 0 }, async () => {
      const acceptedAt = clock.now();
      const result = await watchRollout(watching(client, acceptedAt), { ...options, timeoutMs: 100 });
      return { result, acceptedAt, elapsed: clock.now() - acceptedAt };
    });
    expect(result.outcome).toBe('timeout');
    expect(elapsed).toBeGreaterThanOrEqual(90);
    expect(elapsed).toBeLessThan(100 + options.pollIntervalMs);
    expect(watchFailure(result, watching(client, acceptedAt), { ...options, timeoutMs: 100 })!.message).toBe(
      `The rollout did not finish within 0.1s: version s-002 is still normal and runs ${OLD}, not ${NEW} (run_id r1).`,
    );
  });
});
