// Mutation testing, `npm run mutation` (docs/mutation-testing.md): do the tests notice when the code
// that decides what is deleted, where traffic goes and what is hidden is changed?
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: [
    'src/operations/version-plan.ts', // which versions delete-versions deletes
    'src/ai/containers.ts', // which containers clean-containers deletes, read from the list
    'src/ai/batches.ts', // how their IDs are cut into delete URLs
    'src/operations/deploy/traffic.ts', // traffic splits
    'src/secrets.ts', // what is hidden
    'src/http/excerpt.ts',
    'src/log.ts',
    'src/report.ts',
    'src/china-time.ts', // time and globs, which the decisions rest on
    'src/glob.ts',
  ],
  testRunner: 'vitest',
  // Unit tests only, listed there: the process tests never load a mutant, and the in-process
  // scenario tests kill no more than the unit tests but double the time.
  vitest: { configFile: 'vitest.mutation.config.ts' },
  coverageAnalysis: 'perTest',
  // A run fails below 90% over all the modules; each one should stay at 85% or more (red below).
  // Survivors no test can kill, since the code does the same with them; counted in the score:
  // - version-plan.ts, `cutoff !== undefined &&` -> `true &&`: `createdAt >= undefined` is false anyway.
  // - version-plan.ts, IGNORE `{ kind: 'ignore' }` -> `{}`, `kind: ""`: only remove, skip, refuse are acted on.
  // - traffic.ts proportional, `a[1] - b[1]` -> `a[1] + b[1]`: the sort is stable, so equal
  //   remainders keep their index order either way.
  // - containers.ts describe, `if (Array.isArray(value))` (2): never given an array, which is read as the list.
  // - china-time.ts offsetMs, `if (zone === 'Z') return 0` (2): "Z" computes as offset 0 anyway.
  thresholds: { high: 90, low: 85, break: 90 },
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // Inside reports/, which git, eslint and prettier already ignore (a failed run leaves it behind).
  tempDirName: 'reports/.stryker-tmp',
  ignorePatterns: ['reports'],
};
