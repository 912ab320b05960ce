import { describe, expect, it } from 'vitest';
import { actionNames, missingFromTables, readRepoFile } from './readme-tables.ts';

// README.zh-CN.md is a translation of README.md: these checks keep the two in step.
const en = readRepoFile('README.md');
const zh = readRepoFile('README.zh-CN.md');

/** A Markdown text split into its fenced code blocks (fence lines included) and the prose lines around them. */
function split(markdown: string): { blocks: string[]; prose: string[] } {
  const blocks: string[] = [];
  const prose: string[] = [];
  let block: string[] | undefined;
  let fence = '';
  for (const line of markdown.split('\n')) {
    if (block) {
      block.push(line);
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length) {
        blocks.push(block.join('\n'));
        block = undefined;
      }
      continue;
    }
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (open) {
      fence = open[1]!;
      block = [line];
    } else prose.push(line);
  }
  if (block) blocks.push(block.join('\n')); // an unclosed fence runs to the end of the document
  return { blocks, prose };
}

const headingLevels = (markdown: string) => split(markdown).prose.flatMap((line) => /^(#{2,3}) /.exec(line)?.[1] ?? []);
const anchors = (markdown: string) => [...markdown.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]);

describe('README.zh-CN.md', () => {
  it('has the same fenced code blocks as README.md, byte for byte and in the same order', () => {
    const blocks = split(en).blocks;
    expect(blocks.length).toBeGreaterThan(0);
    expect(split(zh).blocks).toEqual(blocks);
  });

  it('has the same ## and ### headings as README.md, in the same order', () => {
    const levels = headingLevels(en);
    expect(levels.filter((l) => l === '##').length).toBeGreaterThan(0);
    expect(headingLevels(zh)).toEqual(levels);
  });

  it('documents every input and output of action.yml in its tables', () => {
    expect(missingFromTables(zh, actionNames())).toEqual([]);
  });

  it('has every anchor of README.md, since error messages link to them', () => {
    const missing = anchors(en).filter((id) => !anchors(zh).includes(id));
    expect(anchors(en).length).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });

  it('links within itself only to anchors it defines', () => {
    // Its headings are Chinese, so GitHub's heading anchors differ from the English ones.
    const targets = [...zh.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
    expect(targets.filter((id) => !anchors(zh).includes(id))).toEqual([]);
  });

  it('is linked from README.md and links back, at the top of both', () => {
    expect(en.split('\n').slice(0, 5)).toContain('English | [简体中文](README.zh-CN.md)');
    expect(zh.split('\n').slice(0, 5)).toContain('[English](README.md) | 简体中文');
  });
});
