import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readRepoFile } from './readme-tables.ts';

/** YAML code blocks; a block that is a fragment of a steps list is dedented first. */
export function yamlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^( *)```yaml\n([\s\S]*?)^\1```/gm)].map(([, , body]) => {
    const indent = Math.min(
      ...body
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => l.length - l.trimStart().length),
    );
    return body
      .split('\n')
      .map((l) => l.slice(indent))
      .join('\n');
  });
}

/** The repository files in a folder, as [path, text] pairs. */
export function folderFiles(folder: string): [string, string][] {
  return readdirSync(join(import.meta.dirname, '..', '..', folder)).map((f) => [`${folder}/${f}`, readRepoFile(`${folder}/${f}`)]);
}
