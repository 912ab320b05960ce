import { AsyncLocalStorage } from 'node:async_hooks';
import type { Host } from './host/host.ts';

// What one job owns: the host it reports to, the environment it reads, and the state modules
// keep for it (secrets, clock, HTTP pool, summary). A process runs one job, but the test suite
// runs many side by side in one process, so nothing a job owns lives in a module variable: it
// lives in its scope, found through the async context the job runs in.

export interface JobScope {
  readonly env: NodeJS.ProcessEnv;
  host: Host | undefined;
  /** Aborted when the job is cancelled (SIGINT, SIGTERM): see src/cancel.ts. */
  readonly cancel?: AbortSignal;
  /**
   * How much of each wait really passes (src/clock.ts): 1 but in tests, where 0 makes every wait
   * return at once while the job's clock still moves on.
   */
  readonly timeScale?: number;
}

const storage = new AsyncLocalStorage<JobScope>();

/** Code that runs outside any job (unit tests): the process's environment, and the host useHost() gave. */
const outside: JobScope = { env: process.env, host: undefined };

/** Runs fn as one job, with its own host, environment and state. */
export function runInScope<T>(scope: JobScope, fn: () => Promise<T>): Promise<T> {
  return storage.run(scope, fn);
}

export function currentScope(): JobScope {
  return storage.getStore() ?? outside;
}

/** The environment of the job running now. */
export function jobEnv(): NodeJS.ProcessEnv {
  return currentScope().env;
}

/** State a module keeps for each job, created on first use. */
export function jobLocal<T>(create: (scope: JobScope) => T): { get(): T; reset(): void } {
  const values = new WeakMap<JobScope, T>();
  return {
    get() {
      const scope = currentScope();
      if (!values.has(scope)) values.set(scope, create(scope));
      return values.get(scope)!;
    },
    reset: () => values.delete(currentScope()),
  };
}
