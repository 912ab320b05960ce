// npm run build: bundles the action (dist/index.js) and the command (dist/cli/index.js) with ncc,
// then minifies the chunks the action loads on demand, which ncc leaves as they are.
//   node scripts/build.ts [OUT_DIR]   (default dist; the freshness test builds into a temp dir)
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';

const root = join(import.meta.dirname, '..');
const out = process.argv[2] ?? join(root, 'dist');
const ncc = join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
const build = (...args: string[]) =>
  execFileSync(process.execPath, [ncc, 'build', ...args], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });

rmSync(out, { recursive: true, force: true });
build('src/index.ts', '-o', out, '--minify', '--license', 'licenses.txt');
build('src/cli/main.ts', '-o', join(out, 'cli'), '--minify');

for (const chunk of readdirSync(out).filter((name) => /^\d+\.index\.js$/.test(name))) {
  const path = join(out, chunk);
  // Names are kept: libraries may read a class's or function's name at run time.
  const result = await minify(readFileSync(path, 'utf8'), { module: true, keep_classnames: true, keep_fnames: true });
  writeFileSync(path, result.code!);
}

for (const name of readdirSync(out, { recursive: true })
  .map(String)
  .filter((n) => n.endsWith('.js'))
  .sort()) {
  console.log(`${(readFileSync(join(out, name)).length / 1024).toFixed(0).padStart(5)} kB  ${name}`);
}
