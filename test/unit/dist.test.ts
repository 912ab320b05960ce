import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

// The check-dist convention: the committed bundles must be what the sources build to now.
it('dist/ is fresh: the build script, run into a temporary directory, gives the committed files', async () => {
  const out = await mkdtemp(join(tmpdir(), 'dist-check-'));
  try {
    await promisify(execFile)(process.execPath, [join(root, 'scripts', 'build.ts'), out], { cwd: root });
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
