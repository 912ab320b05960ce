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
  // Unit tests only, listed there: the process tests never load the mutated code into the test
  // process, and the in-process scenario tests would make a run take many times longer.
  vitest: { configFile: 'vitest.mutation.config.ts' },
  coverageAnalysis: 'perTest',
  thresholds: { high: 90, low: 85, break: 90 },
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // Inside reports/, which git, eslint and prettier already ignore (a failed run leaves it behind).
  tempDirName: 'reports/.stryker-tmp',
  ignorePatterns: ['reports'],
};
