import { readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPOSITORY } from '../../src/docs.ts';
import { readRepoFile } from './readme-tables.ts';

interface PackageJson {
  version: string;
  repository: { url: string };
  dependencies?: Record<string, string>;
  files: string[];
}
const pkg = JSON.parse(readRepoFile('package.json')) as PackageJson;
const dist = join(import.meta.dirname, '..', '..', 'dist');

describe('package.json', () => {
  it('installs nothing with the command: dist/ is the whole program', () => {
    // npx and a git install fetch `dependencies`; the bundle already holds them.
    expect(pkg.dependencies).toBeUndefined();
    expect(pkg.files).toContain('dist/');
  });

  it('has a bundle that loads nothing but Node built-ins', () => {
    const loaded = readdirSync(dist)
      .filter((name) => name.endsWith('.js'))
      .flatMap((name) => {
        const code = readFileSync(join(dist, name), 'utf8');
        // ncc loads what it left outside the bundle through createRequire or an import.
        const required = [...code.matchAll(/import\.meta\.url\)\("([^"]+)"\)/g)].map((m) => m[1]);
        const imported = [
          ...code.matchAll(/\bimport\s*(?:[\w$]+|\{[^}]*\}|\*\s*as\s*[\w$]+)\s*from\s*"([^"]+)"|\bimport\("([^"]+)"\)/g),
        ].map((m) => m[1] ?? m[2]);
        return [...required, ...imported].filter((specifier) => !specifier.startsWith('.'));
      });
    expect(loaded.length).toBeGreaterThan(10);
    expect(loaded.filter((specifier) => !isBuiltin(specifier))).toEqual([]);
  });

  it('starts without the HTTP stack: undici and the operations are chunks, loaded only when a run needs them', () => {
    // An import of the client from code every run loads (the renderer, the inputs) would pull undici
    // (about 250 kB, and its start-up work) into the entry, as it once did through a summary helper.
    // The entry holds the message catalog in both languages, which an input error already needs.
    const entry = readFileSync(join(dist, 'index.js'), 'utf8');
    expect(entry, 'dist/index.js holds the HTTP layer').not.toContain('UND_ERR');
    expect(entry.length, 'dist/index.js').toBeLessThan(200_000);
  });

  it('names the repository that the docs links point to', () => {
    expect(pkg.repository.url).toBe(`git+https://github.com/${REPOSITORY}.git`);
    expect(REPOSITORY).toBe('cloudrun-release/cloudrun-release');
  });

  it('has the version the changelog is at', () => {
    const heading = /^## (.*)$/m.exec(readRepoFile('CHANGELOG.md'))![1];
    expect(heading).toContain(`v${pkg.version}`);
  });
});
