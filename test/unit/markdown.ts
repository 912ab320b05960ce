// Just enough Markdown for the documentation tests: code blocks apart from prose, anchors, links.

/** A Markdown text split into its fenced code blocks (fence lines included) and the prose lines around them. */
export function split(markdown: string): { blocks: string[]; prose: string[] } {
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

/** The explicit anchors (<a id="…"></a>) of a document. */
export const explicitAnchors = (markdown: string) => [...markdown.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]);

/** GitHub's anchor for a heading: tags and punctuation dropped, lower case, spaces as dashes. */
export function headingSlug(heading: string): string {
  return heading
    .replace(/<[^>]+>/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Every anchor a link can point at in a document: the explicit ones and the headings'. */
export function anchors(markdown: string): string[] {
  const headings = split(markdown).prose.flatMap((line) => /^#{1,6} (.*)$/.exec(line)?.[1] ?? []);
  return [...explicitAnchors(markdown), ...headings.map(headingSlug)];
}

/** The targets of the links in a document's prose, inline code left out. */
export function linkTargets(markdown: string): string[] {
  const prose = split(markdown)
    .prose.join('\n')
    .replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
}
