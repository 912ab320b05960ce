import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { inputsDigest, sha256 } from '../../scripts/build-inputs.ts';

const dist = join(import.meta.dirname, '..', '..', 'dist');

// The committed bundles were built from the sources as they are now: the build recorded a digest
// of every file it read and of every file it wrote. A change to src/, the lock file or the build
// script without `npm run build`, or a hand edit of dist/, fails here in milliseconds. Rebuilding
// and comparing byte for byte takes half a minute: CI's check-dist job does that, once.
it('dist/ is fresh: built from the sources as they are, and not edited since', () => {
  const manifest = JSON.parse(readFileSync(join(dist, 'build-manifest.json'), 'utf8')) as { inputs: string; files: Record<string, string> };
  expect(manifest.inputs, 'src/, package*.json or the build script changed since dist/ was built: run npm run build and commit dist/').toBe(
    inputsDigest(),
  );
  const present = readdirSync(dist)
    .filter((name) => name !== 'build-manifest.json')
    .sort();
  expect(present, 'dist/ holds other files than the build wrote').toEqual(Object.keys(manifest.files));
  for (const name of present)
    expect(sha256(readFileSync(join(dist, name))), `dist/${name} was edited after the build`).toBe(manifest.files[name]);
});
