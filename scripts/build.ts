// npm run build: bundles the action (dist/index.js) and the command (dist/cli.js) with ncc, one
// pass per entry, both at once. They share the chunks each operation loads on demand: the build
// checks that both passes wrote them identically, so one copy serves both. ncc minifies the
// entries but leaves the chunks as they are, so terser minifies those; every file has its source
// map, so a stack trace and a reviewer of dist/ can find their way back to src/.
//   node scripts/build.ts [OUT_DIR]   (default dist; the freshness test builds into a temp dir)
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { minify } from 'terser';

const root = join(import.meta.dirname, '..');
const out = process.argv[2] ?? join(root, 'dist');
const ncc = join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
const work = mkdtempSync(join(tmpdir(), 'build-'));
const bundle = (entry: string, dir: string, ...extra: string[]) =>
  promisify(execFile)(
    process.execPath,
    [ncc, 'build', entry, '-o', dir, '--minify', '--source-map', '--no-source-map-register', '--quiet', ...extra],
    {
      cwd: root,
    },
  );

try {
  const [action, cli] = [join(work, 'action'), join(work, 'cli')];
  await Promise.all([bundle('src/index.ts', action, '--license', 'licenses.txt'), bundle('src/cli/main.ts', cli)]);
  const chunks = readdirSync(action).filter((name) => /^\d+\.index\.js$/.test(name));
  for (const chunk of readdirSync(cli).filter((name) => /^\d+\.index\.js$/.test(name))) {
    if (!chunks.includes(chunk) || !readFileSync(join(cli, chunk)).equals(readFileSync(join(action, chunk))))
      throw new Error(`the command's chunk ${chunk} differs from the action's: they can no longer share dist/`);
  }
  writeFileSync(
    join(action, 'cli.js'),
    readFileSync(join(cli, 'index.js'), 'utf8').replace('sourceMappingURL=index.js.map', 'sourceMappingURL=cli.js.map'),
  );
  writeFileSync(join(action, 'cli.js.map'), readFileSync(join(cli, 'index.js.map')));

  for (const chunk of chunks) {
    const path = join(action, chunk);
    // Names are kept: libraries may read a class's or function's name at run time.
    const result = await minify(readFileSync(path, 'utf8'), {
      module: true,
      keep_classnames: true,
      keep_fnames: true,
      sourceMap: { content: readFileSync(`${path}.map`, 'utf8'), url: `${chunk}.map` },
    });
    writeFileSync(path, result.code!);
    writeFileSync(`${path}.map`, result.map as string);
  }
  rmSync(out, { recursive: true, force: true });
  renameSync(action, out);
} finally {
  rmSync(work, { recursive: true, force: true });
}

for (const name of readdirSync(out)
  .filter((n) => n.endsWith('.js'))
  .sort()) {
  console.log(`${(readFileSync(join(out, name)).length / 1024).toFixed(0).padStart(5)} kB  ${name}`);
}
