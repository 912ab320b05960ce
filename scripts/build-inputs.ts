// What a build of dist/ is made from, and a digest of it: scripts/build.ts writes the digest into
// dist/build-manifest.json with a digest of every file it wrote, and the freshness test compares
// both with the tree as it is. (The full rebuild-and-compare runs once, in CI's check-dist job.)
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const INPUTS = ['src', 'package.json', 'package-lock.json', 'tsconfig.json', 'scripts/build.ts', 'scripts/build-inputs.ts'];

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** One digest over the path and content of every file the build reads. */
export function inputsDigest(): string {
  const hash = createHash('sha256');
  const files = INPUTS.flatMap((input) => filesUnder(join(root, input))).map((file) => relative(root, file).replaceAll('\\', '/'));
  for (const file of files.sort()) hash.update(`${file}\0${sha256(readFileSync(join(root, file)))}\n`);
  return hash.digest('hex');
}
