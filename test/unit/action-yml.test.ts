import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INPUT_DEFAULTS, OPERATIONS, OUTPUT_NAMES } from '../../src/inputs/names.ts';
import { actionNames, missingFromTables, readRepoFile } from './readme-tables.ts';

interface ActionYml {
  runs: { using: string; main: string };
  inputs: Record<string, { description?: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description?: string }>;
}
const action = parse(readRepoFile('action.yml')) as ActionYml;

describe('action.yml', () => {
  it('runs the bundle on node24, with a post step that always runs', () =>
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js', post: 'dist/post.js', 'post-if': 'always()' }));

  it('declares exactly the inputs the code reads, with the same defaults', () => {
    // A default the runner fills in from an expression (github_token) is empty for the code.
    const runnerDefault = (value: string) => (value.startsWith('${{') ? '' : value);
    const declared = Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, runnerDefault(input.default ?? '')]));
    expect(declared).toEqual(INPUT_DEFAULTS);
  });

  it('describes every input and output', () => {
    for (const [name, input] of Object.entries(action.inputs)) expect(input.description, name).toMatch(/\S{3}/);
    expect(Object.keys(action.outputs)).toEqual([...OUTPUT_NAMES]);
    for (const [name, output] of Object.entries(action.outputs)) expect(output.description, name).toMatch(/\S{3}/);
  });

  it('requires only operation, since every other input depends on it', () => {
    const required = Object.entries(action.inputs)
      .filter(([, input]) => input.required)
      .map(([name]) => name);
    expect(required).toEqual(['operation']);
  });
});

describe('README.md', () => {
  it('documents every input and output in its tables', () => {
    expect(missingFromTables(readRepoFile('README.md'), actionNames())).toEqual([]);
  });
});

describe('action.yml and README.md', () => {
  const operation = `(?:${OPERATIONS.join('|')})`;
  const list = `${operation}(?:(?:, | / | and )${operation})*`;
  /** The operations a description names: "(required for deploy and rollback)" or "deploy, rollback: …". */
  const namedIn = (description: string) =>
    (new RegExp(`required for (${list})`).exec(description) ?? new RegExp(`^(${list}): `).exec(description))?.[1].split(/, | \/ | and /);

  it('name the same operations for an input, where action.yml names any', () => {
    const readme = readRepoFile('README.md');
    const usedBy = new Map(
      [...readme.matchAll(/^\| `([a-z_]+)`(?: \/ `([a-z_]+)`)? \|[^|]*\|([^|]+)\|/gm)].flatMap(([, a, b, operations]) =>
        [a, b].filter(Boolean).map((name) => [name, operations.trim() === 'all' ? [...OPERATIONS] : operations.trim().split(', ')]),
      ),
    );
    const compared = Object.entries(action.inputs).flatMap(([name, input]) => {
      const named = namedIn(input.description ?? '');
      return named ? [[name, named.sort(), usedBy.get(name)?.sort()]] : [];
    });
    expect(compared.length).toBeGreaterThan(5);
    for (const [name, named, documented] of compared) expect(named, String(name)).toEqual(documented);
  });
});
