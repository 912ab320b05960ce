import { describe, expect, it } from 'vitest';
import { runInScope } from '../../src/job-scope.ts';
import {
  asTrafficSplitInput,
  formatSplit,
  sameSplit,
  SplitNotHeldError,
  splitOf,
  TrafficGuard,
  TrafficMovedError,
} from '../../src/traffic/guard.ts';
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
