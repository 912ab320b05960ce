// The one source of time for waits and deadlines (retry backoff, polling, progress), so tests can
// run the real bundled action without sleeping: a job's time scale of 0 (src/job-scope.ts) makes
// every sleep return at once while the clock still moves on by the time asked for, so deadlines
// and timeouts behave as they would in real time. Socket timeouts (request_timeout) stay real:
// they are about the network, not about waiting. A cancelled job's sleeps end at once.
import { cancelledError, cancelSignal } from './cancel.ts';
import { jobLocal } from './job-scope.ts';

export interface Clock {
  /** The job's time: deadlines, elapsed times, token lifetimes. Runs ahead of the wall clock by the waits a test skipped. */
  now(): number;
  /** The wall clock, for what another machine compares with its own (a signature's timestamp, an HTTP date). */
  wallNow(): number;
  sleep(ms: number): Promise<void>;
  /** A wait that a library makes on its own timers (octokit's plugins), in real milliseconds. */
  realMs(ms: number): number;
}

function realTimeClock(scale: number): Clock {
  let skipped = 0;
  return {
    realMs: (ms) => ms * scale,
    now: () => Date.now() + skipped,
    wallNow: () => Date.now(),
    sleep: (ms) => {
      const signal = cancelSignal();
      if (signal?.aborted) return Promise.reject(cancelledError(signal));
      const real = ms * scale;
      skipped += ms - real;
      return new Promise((resolve, reject) => {
        const stop = () => {
          clearTimeout(timer);
          reject(cancelledError(signal!));
        };
        const timer = setTimeout(() => {
          signal?.removeEventListener('abort', stop);
          resolve();
        }, real);
        signal?.addEventListener('abort', stop, { once: true });
      });
    },
  };
}

// Each job has its own: time skipped by one job's waits must not move another's deadlines.
const clocks = jobLocal((scope) => realTimeClock(scope.timeScale ?? 1));

export const clock: Clock = {
  now: () => clocks.get().now(),
  wallNow: () => clocks.get().wallNow(),
  sleep: (ms) => clocks.get().sleep(ms),
  realMs: (ms) => clocks.get().realMs(ms),
};

declare global {
  /** Set only by the test suite's preload (harness/test-clock.ts): a workflow's env cannot speed up the clock. */
  var cloudrunTestTimeScale: number | undefined;
}
