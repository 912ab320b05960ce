import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clock } from '../../src/clock.ts';
import { jobEnv, runInScope } from '../../src/job-scope.ts';
import * as log from '../../src/log.ts';
import { setOutputs } from '../../src/result/render.ts';
import { readRunEvent } from '../../src/run-context.ts';
import { addSecret } from '../../src/secrets.ts';
import { RecordingHost } from '../support/recording-host.ts';

describe('job scope: jobs side by side in one process', () => {
  it('keep their own host, environment, secrets, outputs and clock', async () => {
    const job = (name: string, secret: string, waitMs: number) => {
      const host = new RecordingHost();
      const env = { JOB: name };
      const done = runInScope({ host, env, timeScale: 0 }, async () => {
        addSecret(secret);
        const before = clock.now();
        // Both jobs have read their clock and registered their secret before either waits.
        await new Promise((resolve) => setTimeout(resolve, 5));
        await clock.sleep(waitMs);
        await new Promise((resolve) => setTimeout(resolve, 5));
        log.info(`${jobEnv().JOB}: alpha-secret-1 beta-secret-2`);
        setOutputs({ job: name });
        return { skipped: clock.now() - before };
      });
      return { host, done };
    };
    const a = job('a', 'alpha-secret-1', 60_000);
    const b = job('b', 'beta-secret-2', 0);
    const [ra, rb] = await Promise.all([a.done, b.done]);

    expect(a.host.masks).toEqual(['alpha-secret-1']);
    expect(b.host.masks).toEqual(['beta-secret-2']);
    expect(a.host.lines).toEqual(['a: *** beta-secret-2']);
    expect(b.host.lines).toEqual(['b: alpha-secret-1 ***']);
    expect([a.host.outputs, b.host.outputs]).toEqual([{ job: 'a' }, { job: 'b' }]);
    // a's minute of skipped waiting does not move b's clock.
    expect(ra.skipped).toBeGreaterThanOrEqual(60_000);
    expect(rb.skipped).toBeLessThan(1_000);
  });
});

describe('readRunEvent', () => {
  it('reads the event name and the payload file; a file that is not JSON is an event without a payload', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'event-'));
    try {
      const path = join(dir, 'event.json');
      await writeFile(path, JSON.stringify({ pull_request: { number: 7 } }));
      expect(readRunEvent({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: path })).toEqual({
        name: 'pull_request',
        payload: { pull_request: { number: 7 } },
      });
      await writeFile(path, '{"pull_request": ');
      expect(readRunEvent({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: path })).toEqual({ name: 'pull_request', payload: {} });
      expect(readRunEvent({})).toEqual({ name: '', payload: {} });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
