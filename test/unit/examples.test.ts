import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INPUT_DEFAULTS, OPERATIONS } from '../../src/inputs/names.ts';
import { readRepoFile } from './readme-tables.ts';
import { folderFiles, yamlBlocks } from './workflow-files.ts';

// Every workflow users copy — examples/ and the READMEs' YAML blocks — may only use inputs the
// action declares, and only the operations it has.

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}

/** The `with:` blocks of every step that uses this action, wherever they sit in the document. */
function actionSteps(node: unknown): Step[] {
  if (Array.isArray(node)) return node.flatMap(actionSteps);
  if (typeof node !== 'object' || node === null) return [];
  const step = node as Step;
  const own = typeof step.uses === 'string' && /cloudrun-release@|^\.\/?$/.test(step.uses) ? [step] : [];
  return [...own, ...Object.values(node).flatMap(actionSteps)];
}

const sources: [string, string[]][] = [
  ...folderFiles('examples').map(([name, text]): [string, string[]] => [name, [text]]),
  ['README.md', yamlBlocks(readRepoFile('README.md'))],
  ['.github/workflows/ci.yml', [readRepoFile('.github/workflows/ci.yml')]],
];

describe.each(sources)('%s', (_, documents) => {
  const steps = documents.flatMap((doc) => actionSteps(parse(doc)));

  it('uses the action', () => expect(steps.length).toBeGreaterThan(0));

  it('gives only declared inputs and known operations', () => {
    for (const step of steps) {
      const inputs = Object.keys(step.with ?? {});
      expect(inputs.filter((name) => !(name in INPUT_DEFAULTS))).toEqual([]);
      expect(OPERATIONS).toContain(step.with?.operation);
    }
  });
});
