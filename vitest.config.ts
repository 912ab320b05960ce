import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Two kinds of test files, run side by side:
// - unit: pure code, in worker threads that are reused across files (no isolation to pay for);
// - process: each test runs the action (spawned from the bundle, or the same job in-process) and
//   mostly waits on it and on the emulator, so more of them than there are cores keep the machine busy.
export default defineConfig({
  test: {
    setupFiles: ['test/support/setup.ts'],
    // The JSON report is what .ci/run counts; the default reporter is for people.
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/vitest.json' },
    testTimeout: 30_000,
    maxWorkers: availableParallelism() * 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          pool: 'threads',
          isolate: false,
          // @actions/workflow-parser imports its JSON schema without `with { type: 'json' }`, which Node
          // refuses: let Vite bundle it first, JSON included.
          deps: { optimizer: { ssr: { enabled: true, include: ['@actions/workflow-parser'] } } },
        },
      },
      { extends: true, test: { name: 'process', include: ['test/process/**/*.test.ts'], pool: 'threads', isolate: false } },
    ],
  },
});
