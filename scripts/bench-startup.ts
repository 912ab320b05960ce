// npm run bench:startup: the size of the bundle, and the action's cold start (the time to read its
// inputs and fail fast on a bad one) against a bare `node -e ''`, alternated in one run so both
// see the same machine load.   node scripts/bench-startup.ts [--runs N]
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '30' } } });
const runs = Number(values.runs);
const dist = join(import.meta.dirname, '..', 'dist');

function timeMs(args: string[], env: NodeJS.ProcessEnv): number {
  const started = performance.now();
  const child = spawnSync(process.execPath, args, { env, stdio: 'ignore' });
  if (child.error) throw child.error;
  return performance.now() - started;
}

// A deploy with no inputs: the action masks nothing, reads its inputs, reports them all, exits 1.
const failFast = { PATH: process.env.PATH, INPUT_OPERATION: 'deploy' };
const bare: number[] = [];
const action: number[] = [];
timeMs(['-e', ''], failFast); // warm the file cache for both
timeMs([join(dist, 'index.js')], failFast);
for (let i = 0; i < runs; i++) {
  bare.push(timeMs(['-e', ''], failFast));
  action.push(timeMs([join(dist, 'index.js')], failFast));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;
const size = (names: string[]) => names.reduce((sum, f) => sum + statSync(join(dist, f)).size, 0);
const files = readdirSync(dist).filter((f) => f.endsWith('.js'));
const total = size(files);

console.log(`| measure | value |`);
console.log(`|---|---|`);
console.log(`| dist/index.js (loaded on every run) | ${kb(statSync(join(dist, 'index.js')).size)} |`);
console.log(`| all of dist/*.js (operations and the GitHub client load on demand) | ${kb(total)} in ${files.length} files |`);
console.log(`| all of dist/, with the source maps and licenses | ${kb(size(readdirSync(dist)))} |`);
console.log(`| bare \`node -e ''\`, median of ${runs} | ${median(bare).toFixed(0)} ms |`);
console.log(`| action failing fast on a bad input, median of ${runs} | ${median(action).toFixed(0)} ms |`);
console.log(`| cold start ratio | ${(median(action) / median(bare)).toFixed(2)}× bare node |`);
