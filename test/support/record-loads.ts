// Preloaded (NODE_OPTIONS=--import) into the action by test/process/startup.test.ts: at exit,
// writes to stderr the files of dist/ that the run loaded.
import { writeSync } from 'node:fs';
import { registerHooks } from 'node:module';

const loaded: string[] = [];
registerHooks({
  load(url, context, next) {
    if (url.includes('/dist/')) loaded.push(url.slice(url.lastIndexOf('/') + 1));
    return next(url, context);
  },
});
process.on('exit', () => writeSync(2, `\nloaded: ${JSON.stringify(loaded)}\n`));
