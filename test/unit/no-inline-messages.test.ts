import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Every sentence the action says is in the catalog (src/messages/), in every language: one written
// inline in src/ would reach a Chinese reader in English. This finds what reads as English prose,
// a string or template literal holding two words in a row, anywhere in src/ outside the catalog,
// except inside log.debug(…) (for the action's developers) and in the places below, each with its
// reason. What it cannot see: a message of one word ("Done"), or one built from such words.

const root = join(import.meta.dirname, '..', '..');
const PROSE = /[A-Za-z]{2,}[ ,;:]+[A-Za-z]{2,}/;

/** Files that speak English by decision. */
const ENGLISH_FILES: Readonly<Record<string, string>> = {
  'src/cli/help.ts': 'the command --help',
  'src/cli/args.ts': "the command's usage errors",
  'src/cli/env-file.ts': "the command's words about its inputs file",
  'src/cli/sources.ts': "the command's words about its variables and inputs file",
  'src/cli/main.ts': "the command's words about how it was called",
};

/** Literals that are not sentences for a person, in other files: [file, the literal's text, why]. */
const NOT_MESSAGES: readonly (readonly [string, string, string])[] = [
  ['src/github/record.ts', '<!-- cloudrun-release plan: ', "the comment's marker: found again by this text, in any language"],
  ['src/github/why-failed.ts', 'deployments: write', "a line of the workflow's permissions"],
  ['src/github/why-failed.ts', 'pull-requests: write', "a line of the workflow's permissions"],
  ['src/host/host.ts', 'no host: run a job (src/job.ts) or call useHost() first', 'a bug in the action, for its developers'],
  ['src/traffic/split.ts', 'traffic split adds up to ', 'an invariant of the action, for its developers'],
  ['src/wechat/connect.ts', 'a given access_token is not fetched', 'an invariant of the action, for its developers'],
  ['src/http/request.ts', 'no body', 'debug text (describeRequest, for log.debug)'],
  ['src/http/request.ts', 'body keys [', 'debug text (describeRequest, for log.debug)'],
  ['src/http/request.ts', 'body of ', 'debug text (describeRequest, for log.debug)'],
  ['src/operations/deploy/health.ts', ' (health check)', 'the User-Agent header of the health check'],
  ['src/result/markdown.ts', '\n```mermaid\npie title ', 'Mermaid syntax'],
  ['src/scnet/client.ts', '{code, msg, data}', "the answer's shape, as its documentation writes it"],
  ['src/scnet/client.ts', 'list containers', 'an API as messages name it'],
  ['src/scnet/client.ts', 'delete containers', 'an API as messages name it'],
  ['src/scnet/codes.ts', 'get tokens', 'an API as messages name it'],
  ['src/scnet/codes.ts', 'get tokens (access key)', 'an API as messages name it'],
  ['src/scnet/deleter.ts', 'not sent', "a symbol's description"],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return path === 'src/messages' ? [] : sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Each string or template text in the code that reads as prose, with its line; none inside log.debug(…). */
function proseIn(code: string): { text: string; line: number }[] {
  const source = ts.createSourceFile('code.ts', code, ts.ScriptTarget.Latest, true);
  const found: { text: string; line: number }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isCallExpression(node) && node.expression.getText(source) === 'log.debug') return;
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) {
      if (PROSE.test(node.text))
        found.push({ text: node.text, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the messages of src/', () => {
  const files = sourceFiles('src').filter((file) => !(file in ENGLISH_FILES));
  const found = files.flatMap((file) => proseIn(readFileSync(join(root, file), 'utf8')).map((hit) => ({ file, ...hit })));
  const allowed = (file: string, text: string) => NOT_MESSAGES.some(([f, t]) => f === file && t === text);

  it('are all in the catalog: no sentence written inline', () => {
    expect(found.filter((hit) => !allowed(hit.file, hit.text)).map((hit) => `${hit.file}:${hit.line}: ${hit.text}`)).toEqual([]);
  });

  it('allow only exceptions that are still there', () => {
    expect(NOT_MESSAGES.filter(([file, text]) => !found.some((hit) => hit.file === file && hit.text === text))).toEqual([]);
  });

  it('are found written inline, in strings and templates, but not in debug text', () => {
    const code = [
      "log.info(t('prune.deleted', { version, also }));",
      'log.warning(`Could not delete ${version}: ${error}`);',
      "throw new ActionError('service not found', hint);",
      'log.debug(() => `request headers ${names}`);',
      "log.info('已删除版本');",
    ].join('\n');
    expect(proseIn(code)).toEqual([
      { text: 'Could not delete ', line: 2 },
      { text: 'service not found', line: 3 },
    ]);
  });
});
