import { enableCompileCache } from 'node:module';
import { run, runPost } from './main.ts';

// V8 keeps the compiled bundle in the temp directory, so every run after the first on one machine
// (a self-hosted runner, the command on a laptop, the test suite) skips compiling it again.
enableCompileCache();

// One bundle serves the action, its post step and the command: dist/index.js is the action as the
// runner starts it; dist/post.js and dist/cli.js (written by scripts/build.ts) set one of these
// flags and load the same bundle, whose post and command parts are chunks only they load.
declare global {
  var cloudrunCommand: boolean | undefined;
  var cloudrunPost: boolean | undefined;
}

if (globalThis.cloudrunCommand) await import('./cli/main.ts');
else if (globalThis.cloudrunPost) await runPost();
else await run();
