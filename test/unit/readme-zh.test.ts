import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explicitAnchors as anchors, split } from './markdown.ts';
import { actionNames, missingFromTables, readRepoFile } from './readme-tables.ts';

// The Chinese documents translate the English ones (README.zh-CN.md, and each docs/*.zh-CN.md):
// these checks keep each pair in step.
const twins: [string, string][] = [
  ['README.md', 'README.zh-CN.md'],
  ...readdirSync(join(import.meta.dirname, '..', '..', 'docs'))
    .filter((name) => name.endsWith('.zh-CN.md'))
    .map((name): [string, string] => [`docs/${name.replace('.zh-CN', '')}`, `docs/${name}`]),
];

const headingLevels = (markdown: string) => split(markdown).prose.flatMap((line) => /^(#{2,3}) /.exec(line)?.[1] ?? []);
const fileName = (path: string) => path.split('/').pop()!;

describe.each(twins)('%s and %s', (enName, zhName) => {
  const en = readRepoFile(enName);
  const zh = readRepoFile(zhName);

  it('have the same fenced code blocks, byte for byte and in the same order', () => {
    expect(split(zh).blocks).toEqual(split(en).blocks);
  });

  it('have the same ## and ### headings, in the same order', () => {
    const levels = headingLevels(en);
    expect(levels.filter((l) => l === '##').length).toBeGreaterThan(0);
    expect(headingLevels(zh)).toEqual(levels);
  });

  it('have the same anchors, since links and error messages point to them', () => {
    expect(anchors(en).length).toBeGreaterThan(0);
    expect(anchors(zh)).toEqual(anchors(en));
  });

  it('link to each other at the top', () => {
    expect(en.split('\n').slice(0, 5)).toContain(`English | [简体中文](${fileName(zhName)})`);
    expect(zh.split('\n').slice(0, 5)).toContain(`[English](${fileName(enName)}) | 简体中文`);
  });
});

it('README.zh-CN.md documents every input and output of action.yml in its tables', () => {
  expect(missingFromTables(readRepoFile('README.zh-CN.md'), actionNames())).toEqual([]);
});

it('every English document under docs/ that users read has its Chinese twin', () => {
  // The contributors' documents are in English only.
  const english = readdirSync(join(import.meta.dirname, '..', '..', 'docs')).filter((name) => !name.includes('.zh-CN.'));
  const internal = ['architecture.md', 'benchmarks.md', 'emulator.md', 'platform-facts.md', 'fault-suite.md', 'mutation-testing.md'];
  expect(english.filter((name) => !internal.includes(name)).map((name) => `docs/${name}`)).toEqual(
    twins.slice(1).map(([enName]) => enName),
  );
});
