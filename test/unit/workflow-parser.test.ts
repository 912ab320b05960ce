import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { describe, expect, it } from 'vitest';
import { readRepoFile } from './readme-tables.ts';
import { folderFiles, yamlBlocks } from './workflow-files.ts';

// Every workflow users copy or the project runs goes through GitHub's own workflow parser, the one
// behind the Actions editor: a wrong key, a bad expression or a misplaced permission fails here,
// not on the first run.

/** The errors GitHub's parser reports for a workflow file. */
function parserErrors(name: string, content: string): string[] {
  const { context } = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  return context.errors.getErrors().map((error) => error.message);
}

/** A README block is a whole workflow when it has top-level `on:` and `jobs:`. */
const isWorkflow = (block: string) => /^on:/m.test(block) && /^jobs:/m.test(block);

const readmeWorkflows = (document: string): [string, string][] =>
  yamlBlocks(readRepoFile(document))
    .filter(isWorkflow)
    .map((block, i): [string, string] => [`${document} workflow #${i + 1}`, block]);

const workflows: [string, string][] = [
  ...folderFiles('examples'),
  ...folderFiles('.github/workflows'),
  ...readmeWorkflows('README.md'),
  ...readmeWorkflows('README.zh-CN.md'),
  ...folderFiles('docs')
    .filter(([name]) => name.endsWith('.md'))
    .flatMap(([name]) => readmeWorkflows(name)),
];

describe("GitHub's workflow parser", () => {
  it('finds the workflows of both READMEs', () => {
    expect(readmeWorkflows('README.md').length).toBeGreaterThan(3);
    expect(readmeWorkflows('README.zh-CN.md').length).toBe(readmeWorkflows('README.md').length);
  });

  it('reports errors in a broken workflow', () => {
    const broken =
      'on: push\njobs:\n  a:\n    runs-on: x\n    permissions:\n      contents: reed\n    steps:\n      - run: echo ${{ foo( }}\n';
    expect(parserErrors('broken.yml', broken).length).toBeGreaterThan(1);
  });

  it.each(workflows)('accepts %s', (name, content) => {
    expect(parserErrors(name, content)).toEqual([]);
  });
});
