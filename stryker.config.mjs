// Mutation testing, `npm run mutation` (docs/mutation-testing.md): do the tests notice when the code
// that decides what is deleted, where traffic goes and what is hidden is changed?
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: [
    'src/operations/delete-versions/plan.ts', // which versions delete-versions deletes
    'src/operations/clean-containers/select.ts', // which containers clean-containers deletes
    'src/scnet/containers.ts', // what it reads from their list
    'src/scnet/batches.ts', // how their IDs are cut into delete URLs
    'src/traffic/split.ts', // where traffic goes: the splits
    'src/traffic/guard.ts', // and the checks before and after each write
    'src/secrets.ts', // what is hidden
    'src/http/excerpt.ts',
    'src/log.ts',
    'src/result/markdown.ts', // and escaped, in the summary and comments
    'src/result/outputs.ts',
    'src/result/report-file.ts',
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
  // - plan.ts, `cutoff !== undefined &&` -> `true &&`: `createdAt >= undefined` is false anyway.
  // - plan.ts, IGNORE `{ kind: 'ignore' }` -> `{}`, `kind: ""`: only remove, skip, refuse are acted on.
  // - split.ts proportional, `a[1] - b[1]` -> `a[1] + b[1]`: the sort is stable, so equal
  //   remainders keep their index order either way.
  // - containers.ts describe, `if (Array.isArray(value))` (2): never given an array, which is read as the list.
  // - china-time.ts offsetMs, `if (zone === 'Z') return 0` (2): "Z" computes as offset 0 anyway.
  // - guard.ts read-back, `if (wait)` -> `true`: a wait of 0 between the write and the first read is no wait.
  thresholds: { high: 90, low: 85, break: 90 },
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // Inside reports/, which git, eslint and prettier already ignore (a failed run leaves it behind).
  tempDirName: 'reports/.stryker-tmp',
  ignorePatterns: ['reports'],
};
