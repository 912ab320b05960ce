import { describe, expect, it } from 'vitest';
import { runInScope } from '../../src/job-scope.ts';
import { SplitNotHeldError, TrafficGuard, TrafficMovedError } from '../../src/traffic/guard.ts';
import { asTrafficSplitInput, formatSplit, itemsFor, sameSplit, splitOf } from '../../src/traffic/split.ts';
import { readJournal } from '../../src/traffic/journal.ts';
import { FakeService } from '../support/fake-service.ts';
import { RecordingHost } from '../support/recording-host.ts';

const inScope = <T>(fn: () => Promise<T>) => runInScope({ host: new RecordingHost(), env: {}, timeScale: 0 }, fn);
const guardOf = async (service: FakeService, onSend?: (split: Map<string, number>) => void) =>
  new TrafficGuard(service, await service.versions(), onSend as never);

describe('TrafficGuard', () => {
  it('sends a split and confirms it by reading it back', () =>
    inScope(async () => {
      const service = new FakeService([100, 0]);
      const guard = await guardOf(service);
      const after = await guard.set(
        [
          { version_name: 'shop-api-002', flow_ratio: 40 },
          { version_name: 'shop-api-001', flow_ratio: 60 },
        ],
        'now',
      );
      expect(formatSplit(splitOf(after))).toBe('shop-api-001 60%, shop-api-002 40%');
      expect(formatSplit(guard.expected)).toBe('shop-api-001 60%, shop-api-002 40%');
    }));

  it('never calls a split set that the platform does not hold', () =>
    inScope(async () => {
      const service = new FakeService([100, 0]);
      service.setSplit = () => Promise.resolve();
      const guard = await guardOf(service);
      await expect(guard.set([{ version_name: 'shop-api-002', flow_ratio: 100 }], 'now')).rejects.toThrow(SplitNotHeldError);
      // Read back more than once before saying so: the platform may apply it a moment later.
      expect(service.calls.filter((c) => c === 'versions').length).toBeGreaterThanOrEqual(4);
    }));

  it('finishes a write and its read-back when the job is cancelled meanwhile: its outcome is then known', async () => {
    const cancel = new AbortController();
    await runInScope({ host: new RecordingHost(), env: {}, timeScale: 0, cancel: cancel.signal }, async () => {
      const service = new FakeService([100, 0]);
      const guard = await guardOf(service);
      // The platform applies the split a moment late, after the first read-back.
      const [apply, read] = [service.setSplit.bind(service), service.versions.bind(service)];
      let pending: Parameters<typeof apply>[0] | undefined;
      service.setSplit = (items) => {
        cancel.abort('SIGINT');
        pending = items;
        return Promise.resolve();
      };
      let reads = 0;
      service.versions = async () => {
        if (pending && ++reads === 2) await apply(pending);
        return read();
      };
      const items = [
        { version_name: 'shop-api-002', flow_ratio: 100 },
        { version_name: 'shop-api-001', flow_ratio: 0 },
      ];
      const after = await guard.set(items, 'now');
      expect(formatSplit(splitOf(after))).toBe('shop-api-002 100%');
    });
  });

  it('stops before writing when the split is not one it expects, and names both', () =>
    inScope(async () => {
      const service = new FakeService([100, 0]);
      const guard = await guardOf(service);
      service.list[0].flow_ratio = 50;
      service.list[1].flow_ratio = 50;
      const err = await guard.set([{ version_name: 'shop-api-002', flow_ratio: 100 }], 'before the step').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TrafficMovedError);
      expect((err as Error).message).toContain('before the step: expected shop-api-001 100%, found shop-api-001 50%, shop-api-002 50%');
      expect(service.calls.some((c) => c.startsWith('setSplit'))).toBe(false);
    }));

  it('after a write whose answer was lost, takes either split as its own', () =>
    inScope(async () => {
      const service = new FakeService([100, 0]);
      const sent: string[] = [];
      const guard = await guardOf(service, (split) => sent.push(formatSplit(split)));
      const setSplit = service.setSplit.bind(service);
      service.setSplit = async (items) => {
        await setSplit(items);
        throw new Error('connection reset');
      };
      await expect(
        guard.set(
          [
            { version_name: 'shop-api-002', flow_ratio: 100 },
            { version_name: 'shop-api-001', flow_ratio: 0 },
          ],
          'now',
        ),
      ).rejects.toThrow('connection reset');
      service.setSplit = setSplit;
      // The write did land: restoring the split from before is still the action's to do.
      const back = await guard.restore(new Map([['shop-api-001', 100]]), 'putting it back');
      expect(formatSplit(splitOf(back))).toBe('shop-api-001 100%');
      expect(sent).toEqual(['shop-api-002 100%', 'shop-api-001 100%']);
    }));

  it('treats a share it cannot read as a split it does not know', () => {
    expect(
      splitOf([{ version_name: 'a', status: 'normal', flow_ratio: undefined, created_time: '', createdAt: 0, updated_time: '' }]),
    ).toBeUndefined();
    expect(sameSplit(undefined, new Map())).toBe(false);
  });

  it('writes a split back as a traffic_split input', () => {
    expect(asTrafficSplitInput(new Map([['shop-api-006', 100]]))).toBe('shop-api-006=100');
    expect(
      asTrafficSplitInput(
        new Map([
          ['a', 30],
          ['b', 70],
        ]),
      ),
    ).toBe('{"b":70,"a":30}');
  });
});

describe('the journal a post step reads', () => {
  it.each(['', 'not json', '{"env_id":1}', '{"env_id":"e","service_name":"s","origin":[["a","x"]],"promised":[],"sent":[]}'])(
    'is not read from %j',
    (saved) => expect(readJournal(saved)).toBeUndefined(),
  );

  it('is read back whole', () => {
    const journal = readJournal(
      '{"env_id":"e","service_name":"s","origin":[["a",100]],"promised":[["b",100]],"sent":[[["a",90],["b",10]]]}',
    );
    expect(journal).toEqual({
      env_id: 'e',
      service_name: 's',
      origin: new Map([['a', 100]]),
      promised: new Map([['b', 100]]),
      sent: [
        new Map([
          ['a', 90],
          ['b', 10],
        ]),
      ],
    });
  });
});

describe('splits', () => {
  const version = (version_name: string, flow_ratio: number | undefined) => ({
    version_name,
    status: 'normal',
    flow_ratio,
    created_time: '',
    createdAt: 0,
    updated_time: '',
  });

  it('are unknown when any share is, even among known ones', () => {
    expect(splitOf([version('a', 100), version('b', undefined)])).toBeUndefined();
    expect(splitOf([version('a', 100), version('b', 0)])).toEqual(new Map([['a', 100]]));
  });

  it('are the same only with the same versions at the same shares', () => {
    const a = new Map([
      ['a', 60],
      ['b', 40],
    ]);
    expect(
      sameSplit(
        a,
        new Map([
          ['b', 40],
          ['a', 60],
        ]),
      ),
    ).toBe(true);
    expect(
      sameSplit(
        a,
        new Map([
          ['a', 60],
          ['b', 30],
        ]),
      ),
    ).toBe(false);
    expect(sameSplit(a, new Map([['a', 60]]))).toBe(false);
    expect(sameSplit(new Map([['a', 60]]), a)).toBe(false);
    expect(
      sameSplit(
        a,
        new Map([
          ['a', 60],
          ['c', 40],
        ]),
      ),
    ).toBe(false);
    expect(sameSplit(a, undefined)).toBe(false);
  });

  it('read largest share first, ties by name', () => {
    expect(
      formatSplit(
        new Map([
          ['b', 40],
          ['c', 20],
          ['a', 40],
        ]),
      ),
    ).toBe('a 40%, b 40%, c 20%');
    expect(formatSplit(new Map())).toBe('(no version serves traffic)');
    expect(formatSplit(undefined)).toBe('(a share is unknown)');
  });

  it('are put in place with 0 for every other version that serves now, and nothing for the idle ones', () => {
    const versions = [version('a', 70), version('b', 30), version('c', 0), version('d', undefined)];
    expect(itemsFor(new Map([['c', 100]]), versions)).toEqual([
      { version_name: 'c', flow_ratio: 100 },
      { version_name: 'a', flow_ratio: 0 },
      { version_name: 'b', flow_ratio: 0 },
    ]);
  });

  it('that someone else changed are named, with what to do about it', () => {
    const err = new TrafficMovedError('svc', new Map([['a', 100]]), new Map([['b', 100]]), 'before the step');
    expect(err.message).toBe(
      'The traffic split of svc changed under the action before the step: expected a 100%, found b 100%. The action stopped and left the split as it is.',
    );
    expect(err.hint).toContain('use a workflow concurrency group per service');
    const held = new SplitNotHeldError('svc', new Map([['a', 100]]), undefined);
    expect(held.message).toBe('svc does not hold the traffic split that was sent: sent a 100%, found (a share is unknown)');
    expect(held.hint).toContain('setcspropotion answered without error');
  });

  it('never take a service whose shares cannot be read for one holding a split the run expects', () =>
    inScope(async () => {
      const service = new FakeService([100]);
      const guard = new TrafficGuard(service, [version('shop-api-001', undefined)]);
      await expect(guard.check('now')).rejects.toThrow(TrafficMovedError);
    }));
});
