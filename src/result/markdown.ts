import { oneLine } from '../log.ts';
import { t, type PlainKey } from '../messages/messages.ts';
import { redact } from '../secrets.ts';

// Markdown for the job summary and the pull-request comment. Every string may come from a platform
// answer, so nothing here lets one render as anything but its own text.

/** A markdown table whose cells cannot break out of it or render anything, whatever text they hold. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  // Inside a table a pipe ends the cell even in a code span, unless escaped (GFM tables).
  const line = (cells: readonly string[]) => `| ${cells.map((cell) => inlineMarkdown(cell).replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(headers), `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n') + '\n';
}

/** Longest text shown from one string in a summary or comment; the log has it whole. */
const MAX_SHOWN_CHARS = 200;

// Found by GitHub in the rendered text, where no escaping reaches: @mentions, #123 references and
// bare links (scheme://, www.).
const RENDERED_REFERENCE = /@|#\d|:\/\/|www\./i;
// What builds markup: HTML, links and images, code, emphasis, strikethrough, table cells. The
// underscore is left alone: names and IDs (flow_ratio, run IDs) keep reading as written, and at
// worst a pair of them italicises a word.
const MARKUP = /[\\`*~[\]<>&|]/g;
const ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/**
 * Any text (a platform's name, status or message) for one line of markdown, shown as it is and
 * rendering nothing: no HTML, image, link, @mention or bold. Control characters are removed,
 * line breaks become spaces, and it is capped in length. Text holding something GitHub finds after
 * rendering goes into a code span, where nothing is found; the rest has its markup characters
 * written as character references.
 */
export function inlineMarkdown(text: string): string {
  // Secrets go first: escaping would change their text, and capping would leave part of one.
  const chars = [...oneLine(redact(text)).trim()];
  const line = chars.length > MAX_SHOWN_CHARS ? `${chars.slice(0, MAX_SHOWN_CHARS).join('')}…` : chars.join('');
  if (RENDERED_REFERENCE.test(line)) return codeSpan(line);
  return line.replace(MARKUP, (c) => ENTITIES[c] ?? `&#${c.charCodeAt(0)};`);
}

/** A code span holding the text: its fence is longer than any run of backticks inside. */
function codeSpan(text: string): string {
  const fence = '`'.repeat(Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced JSON block the value cannot close: the fence is longer than any run of backticks in it. */
export function jsonBlock(value: unknown): string {
  const longest = Math.max(2, ...[...JSON.stringify(value).matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}json\n${JSON.stringify(value, null, 2)}\n${fence}\n`;
}

/** A Mermaid pie chart, which job summaries and comments render; empty without a slice. */
export function pieChart(title: string, slices: readonly { readonly label: string; readonly value: number }[]): string {
  if (!slices.length) return '';
  const lines = slices.map((s) => `    "${mermaidLabel(s.label)}" : ${s.value}`);
  return `\n\`\`\`mermaid\npie title ${title}\n${lines.join('\n')}\n\`\`\`\n`;
}

/** A pie label that cannot close its quotes, the code block or the line: platform text kept to safe characters. */
function mermaidLabel(text: string): string {
  return text.replace(/[^A-Za-z0-9_. -]/g, '_').slice(0, 64);
}

/** A table's column headers, in the job's language. */
export function columns(...keys: readonly PlainKey[]): string[] {
  return keys.map((key) => t(key));
}
