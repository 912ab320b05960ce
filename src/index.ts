import { enableCompileCache } from 'node:module';
import { run } from './main.ts';

// V8 keeps the compiled bundle in the temp directory, so every run after the first on one machine
// (a self-hosted runner, the command on a laptop, the test suite) skips compiling it again.
enableCompileCache();

// One bundle serves the action and the command: dist/index.js is the action as the runner starts
// it; dist/cli.js (written by scripts/build.ts) sets this flag and loads the same bundle, whose
// command part is a chunk only it loads.
declare global {
  var cloudrunCommand: boolean | undefined;
}

if (globalThis.cloudrunCommand) await import('./cli/main.ts');
else await run();
