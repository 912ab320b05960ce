import { defineConfig } from 'vitest/config';

// The tests `npm run mutation` runs against each mutant (stryker.config.mjs).
export default defineConfig({
  test: {
    setupFiles: ['test/support/setup.ts'],
    include: [
      'test/unit/{version-plan,container-selection,ai,paging,traffic,traffic-guard,deploy-watch,china-time,concurrency-glob}.test.ts',
      'test/unit/{secrets,excerpt,security,hosts,report,result-render,deploy-report,job-scope,wechat-client,github}.test.ts',
    ],
    // Each file imports the modules afresh: a mutant in code that runs at import (a regex, a
    // table of constants) is only in place in a module loaded after Stryker chose it.
    isolate: true,
    testTimeout: 30_000,
  },
});
