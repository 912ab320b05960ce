import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INPUT_DEFAULTS, OPERATIONS } from '../../src/inputs/names.ts';
import { readRepoFile } from './readme-tables.ts';
import { folderFiles, yamlBlocks } from './workflow-files.ts';

// Every workflow users copy — examples/ and the READMEs' YAML blocks — may only use inputs the
// action declares, and only the operations it has, and is safe to copy.

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

/** The `run:` scripts anywhere in the document. */
function scripts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(scripts);
  if (typeof node !== 'object' || node === null) return [];
  const own = 'run' in node && typeof node.run === 'string' ? [node.run] : [];
  return [...own, ...Object.values(node).flatMap(scripts)];
}

interface Workflow {
  concurrency?: unknown;
  jobs?: Record<string, { concurrency?: unknown; steps?: unknown }>;
}

/** The jobs that post a plan comment on pull requests, with the concurrency group they run in. */
function commentingJobs(doc: Workflow): [string, unknown][] {
  return Object.entries(doc.jobs ?? {})
    .filter(([, job]) => actionSteps(job.steps).some((step) => String(step.with?.pr_comment) === 'true'))
    .map(([id, job]) => [id, job.concurrency ?? doc.concurrency]);
}

const sources: [string, string[]][] = [
  ...folderFiles('examples').map(([name, text]): [string, string[]] => [name, [text]]),
  ['README.md', yamlBlocks(readRepoFile('README.md'))],
  // The documents under docs/ that show the action (the Chinese ones repeat the same blocks).
  ...folderFiles('docs')
    .filter(
      ([name, text]) =>
        name.endsWith('.md') && !name.includes('.zh-CN.') && yamlBlocks(text).some((block) => block.includes('cloudrun-release@')),
    )
    .map(([name, text]): [string, string[]] => [name, yamlBlocks(text)]),
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

  it('passes values to scripts through env:, never as ${{ }} inside a script', () => {
    // Expanded into the script before the shell reads it, an output or a tag name is shell code.
    const unsafe = documents.flatMap((doc) => scripts(parse(doc))).filter((script) => script.includes('${{'));
    expect(unsafe).toEqual([]);
  });

  it('runs each job that comments on a pull request in a concurrency group of its own pull request', () => {
    for (const [job, concurrency] of documents.flatMap((doc) => commentingJobs(parse(doc) as Workflow)))
      expect(JSON.stringify(concurrency ?? null), job).toMatch(/github\.event\.(pull_request\.)?number/);
  });
});
