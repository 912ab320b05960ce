import { describe, expect, it } from 'vitest';
import { inlineMarkdown, markdownTable } from '../../src/result/markdown.ts';

describe('inlineMarkdown', () => {
  it.each([
    ['shop-api-002', 'shop-api-002'],
    ['flow_ratio 20 (2024-01-02 10:00:00)', 'flow_ratio 20 (2024-01-02 10:00:00)'],
    // Markup characters become character references: nothing renders, the text reads the same.
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['[click](javascript:alert(1))', '&#91;click&#93;(javascript:alert(1))'],
    ['**b** ~~s~~ `c` a|b \\', '&#42;&#42;b&#42;&#42; &#126;&#126;s&#126;&#126; &#96;c&#96; a&#124;b &#92;'],
    ['AT&T', 'AT&amp;T'],
    // What GitHub finds in the rendered text goes into a code span.
    ['![x](https://evil.example/x.png)', '`![x](https://evil.example/x.png)`'],
    ['ping @octocat', '`ping @octocat`'],
    ['see #12', '`see #12`'],
    ['www.evil.example', '`www.evil.example`'],
    ['`a` @b ``c``', '``` `a` @b ``c`` ```'],
    // Control characters go, line breaks become spaces.
    ['red\u001b[31m\rnext\u2028line\u202e', 'red&#91;31m next line'],
    ['  ', ''],
  ])('%j → %j', (text, expected) => expect(inlineMarkdown(text)).toBe(expected));

  it('caps the length', () => {
    expect(inlineMarkdown('x'.repeat(500))).toBe(`${'x'.repeat(200)}…`);
    expect(inlineMarkdown(`@${'x'.repeat(500)}`)).toBe(`\`@${'x'.repeat(199)}…\``);
  });
});

describe('markdownTable', () => {
  it('keeps every row to its cells, whatever they hold', () => {
    const table = markdownTable(
      ['Name', 'Status'],
      [
        ['a|b @c', 'x\ny|z'],
        ['<b>', ''],
      ],
    );
    expect(table).toBe('| Name | Status |\n| --- | --- |\n| `a\\|b @c` | x y&#124;z |\n| &lt;b&gt; |  |\n');
  });
});
