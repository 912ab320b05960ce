// npm run build: bundles src/index.ts with ncc into dist/index.js, in one pass. The action and the
// command (dist/cli.js) and the post step (dist/post.js), small launchers written here, share that bundle and its chunks, so
// nothing is built twice. ncc minifies the entry but leaves the chunks loaded on demand as they
// are, so terser minifies those; every file has its source map, so a stack trace and a reviewer of
// dist/ can find their way back to src/ and node_modules/. dist/build-manifest.json records what it was built from.
//   node scripts/build.ts [OUT_DIR]   (default dist; the freshness test builds into a temp dir)
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';
import { inputsDigest, sha256 } from './build-inputs.ts';

const root = join(import.meta.dirname, '..');
const out = process.argv[2] ?? join(root, 'dist');
const ncc = join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');

rmSync(out, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [ncc, 'build', 'src/index.ts', '-o', out, '--minify', '--source-map', '--no-source-map-register', '--license', 'licenses.txt', '--quiet'],
  { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
);

// The command's launcher checks the Node version before it loads the bundle, which an older Node
// cannot run (it fails deep inside with a TypeError). Written in plain old JavaScript, so any Node
// parses it far enough to say what it needs; the version comes from package.json's engines.
const { engines } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
const minimum = Number(/^>=(\d+)$/.exec(engines.node)?.[1]);
if (!minimum) throw new Error(`package.json engines.node must read ">=N", not ${engines.node}`);
writeFileSync(
  join(out, 'cli.js'),
  `#!/usr/bin/env node
// cloudrun-release: the action's bundle, run as the command (see src/index.ts and scripts/build.ts).
var major = Number(process.versions.node.split('.')[0]);
if (major < ${minimum}) {
  process.stderr.write('cloudrun-release needs Node.js ${minimum} or later; this is Node.js ' + process.versions.node + '.\\n' +
    'Install Node.js ${minimum} (nodejs.org, nvm, or the node:${minimum} image in CI) and run it again.\\n');
  process.exitCode = 2;
} else {
  globalThis.cloudrunCommand = true;
  await import('./index.js');
}
`,
  { mode: 0o755 },
);
writeFileSync(
  join(out, 'post.js'),
  "// The action's post step (action.yml `post:`): the action's bundle, finishing what its main step could not (see src/post.ts).\nglobalThis.cloudrunPost = true;\nawait import('./index.js');\n",
);

for (const chunk of readdirSync(out).filter((name) => /^\d+\.index\.js$/.test(name))) {
  const path = join(out, chunk);
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

// The maps name their sources (src/…, node_modules/… at the locked versions) without copying them
// in: the copies were two thirds of dist/, and every one of them is in the repository or npm ci.
for (const name of readdirSync(out).filter((n) => n.endsWith('.map'))) {
  const map = JSON.parse(readFileSync(join(out, name), 'utf8')) as { sourcesContent?: unknown };
  delete map.sourcesContent;
  writeFileSync(join(out, name), JSON.stringify(map));
}

const files = Object.fromEntries(
  readdirSync(out)
    .sort()
    .map((name) => [name, sha256(readFileSync(join(out, name)))]),
);
writeFileSync(join(out, 'build-manifest.json'), `${JSON.stringify({ inputs: inputsDigest(), files }, null, 2)}\n`);

for (const name of readdirSync(out)
  .filter((n) => n.endsWith('.js'))
  .sort()) {
  console.log(`${(readFileSync(join(out, name)).length / 1024).toFixed(0).padStart(5)} kB  ${name}`);
}
