import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

/** The `ncc build … -o dist…` steps of `npm run build`, so this test follows the build as it changes. */
async function buildSteps(): Promise<string[][]> {
  const { scripts } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { scripts: { build: string } };
  const steps = scripts.build
    .split('&&')
    .map((step) => step.trim().split(/\s+/))
    .filter((words) => words[0] === 'ncc');
  expect(steps.length, 'npm run build has no ncc step').toBeGreaterThan(0);
  return steps.map((words) => words.slice(1));
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

// The check-dist convention: the committed bundles must be what the sources build to now.
it('dist/ is fresh: rebuilding from src/ with the build steps gives the committed files', async () => {
  const out = await mkdtemp(join(tmpdir(), 'dist-check-'));
  try {
    const ncc = join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
    for (const args of await buildSteps()) {
      const target = args.indexOf('-o') + 1;
      expect(args[target], `the build step "ncc ${args.join(' ')}" does not write under dist/`).toMatch(/^dist(\/|$)/);
      const redirected = args.with(target, join(out, relative('dist', args[target])));
      await promisify(execFile)(process.execPath, [ncc, ...redirected], { cwd: root });
    }
    const files = await filesUnder(out);
    expect(await filesUnder(join(root, 'dist')), 'dist/ holds other files than a build makes: run npm run build').toEqual(files);
    for (const file of files) {
      const fresh = await readFile(join(out, file), 'utf8');
      const committed = await readFile(join(root, 'dist', file), 'utf8');
      expect(committed === fresh, `dist/${file} is stale: run npm run build and commit dist/`).toBe(true);
    }
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}, 180_000);
