import { run } from './main.ts';

// One bundle serves the action and the command: dist/index.js is the action as the runner starts
// it; dist/cli.js (written by scripts/build.ts) sets this flag and loads the same bundle, whose
// command part is a chunk only it loads.
declare global {
  var cloudrunCommand: boolean | undefined;
}

if (globalThis.cloudrunCommand) await import('./cli/main.ts');
else await run();
