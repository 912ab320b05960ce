import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../src/inputs/names.ts';
import { anchors, linkTargets, split } from './markdown.ts';
import { readRepoFile } from './readme-tables.ts';

// The READMEs are what a person reads first: short enough to read, with a table of contents, a
// section per operation, and links that lead somewhere.
const READMES = ['README.md', 'README.zh-CN.md'];
const DOCUMENTS = [
  ...READMES,
  'CONTRIBUTING.md',
  'SECURITY.md',
  'CHANGELOG.md',
  ...readdirSync(join(import.meta.dirname, '..', '..', 'docs')).map((name) => `docs/${name}`),
];
const root = join(import.meta.dirname, '..', '..');

describe.each(READMES)('%s', (name) => {
  const text = readRepoFile(name);

  it('is at most 40,000 characters: the details are in docs/', () => expect(text.length).toBeLessThanOrEqual(40_000));

  it('has a table of contents in its first lines, reaching every operation, the inputs and the outputs', () => {
    const top = text.split('\n').slice(0, 15).join('\n');
    const contents = linkTargets(top).filter((target) => target.startsWith('#'));
    expect(contents.length).toBeGreaterThanOrEqual(12);
    for (const id of [...OPERATIONS, 'quick-start', 'inputs', 'outputs']) expect(contents).toContain(`#${id}`);
  });

  it('has a section for each operation', () => {
    for (const operation of OPERATIONS) expect(text).toMatch(new RegExp(`^## <a id="${operation}"></a>${operation}`, 'm'));
  });

  it('says in the first lines of the quick start where the job must run to reach WeChat', () => {
    const quickStart = text.slice(text.indexOf('<a id="quick-start"></a>'));
    const intro = quickStart.slice(0, quickStart.indexOf('```'));
    expect(intro.split('\n').length).toBeLessThanOrEqual(8);
    expect(intro).toContain('HTTPS_PROXY');
    expect(intro).toContain('(#runners)');
    expect(split(quickStart).blocks[0]).toContain('runs-on: [self-hosted, linux]');
  });
});

describe.each(DOCUMENTS)('%s', (name) => {
  it('links only to files and anchors that exist', () => {
    const text = readRepoFile(name);
    const broken = linkTargets(text)
      .filter((target) => !/^(https?|mailto):/.test(target))
      .filter((target) => {
        const [path, anchor] = target.split('#');
        const file = path ? normalize(join(dirname(name), path)) : name;
        if (!existsSync(join(root, file))) return true;
        return anchor !== undefined && file.endsWith('.md') && !anchors(readRepoFile(file)).includes(decodeURIComponent(anchor));
      });
    expect(broken).toEqual([]);
  });
});
