import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** A file at the repository root, as text. */
export function readRepoFile(name: string): string {
  return readFileSync(join(import.meta.dirname, '..', '..', name), 'utf8');
}

/** The names of action.yml's inputs, then its outputs, in declaration order. */
export function actionNames(): string[] {
  const action = parse(readRepoFile('action.yml')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> };
  return [...Object.keys(action.inputs), ...Object.keys(action.outputs)];
}

/**
 * The names a README does not document as a row of one of its tables. A row starts with the
 * name in backticks; a row may document two related inputs (`a` / `b`).
 */
export function missingFromTables(readme: string, names: readonly string[]): string[] {
  const documented = new Set([...readme.matchAll(/^\| `([a-z_]+)`(?: \/ `([a-z_]+)`)?/gm)].flatMap((m) => [m[1], m[2]].filter(Boolean)));
  return names.filter((name) => !documented.has(name));
}
