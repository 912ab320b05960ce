import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

// The check-dist convention: the committed bundle must be what the sources build to now.
it('dist/ is fresh: rebuilding from src/ gives the committed files', async () => {
  const out = await mkdtemp(join(tmpdir(), 'dist-check-'));
  try {
    const ncc = join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
    await promisify(execFile)(process.execPath, [ncc, 'build', 'src/index.ts', '-o', out, '--minify', '--license', 'licenses.txt'], { cwd: root });
    const files = await readdir(out);
    expect(await readdir(join(root, 'dist')), 'dist/ holds other files than a build makes: run npm run build').toEqual(files);
    for (const file of files) {
      const fresh = await readFile(join(out, file), 'utf8');
      const committed = await readFile(join(root, 'dist', file), 'utf8');
      expect(committed === fresh, `dist/${file} is stale: run npm run build and commit dist/`).toBe(true);
    }
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}, 120_000);
