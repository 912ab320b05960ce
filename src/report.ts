import { host } from './host/host.ts';
import { redact } from './secrets.ts';

/** Sets outputs; secrets never reach them. */
export function setOutputs(outputs: Readonly<Record<string, string | number | boolean>>): void {
  for (const [name, value] of Object.entries(outputs)) host().setOutput(name, redact(String(value)));
}

let summaryOfThisRun = '';

/** Appends markdown to the job summary; secrets never reach it. */
export function writeSummary(markdown: string): void {
  summaryOfThisRun += redact(markdown);
  host().appendSummary(`${redact(markdown)}\n`);
}

/** Everything this run wrote to the job summary: the plan a pull-request comment shows. */
export function summaryWritten(): string {
  return summaryOfThisRun;
}

/** A markdown table whose cells cannot break out of it, whatever text they hold. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [line(headers), `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n') + '\n';
}

function escapeCell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '&#124;')
    .replace(/`/g, '&#96;')
    .replace(/\r?\n|\r/g, ' ');
}

/**
 * Platform text (version names, statuses) for a line of markdown outside a table: it shows as the
 * characters it holds, never as formatting, a link or HTML, and stays on its line.
 */
export function inlineMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+!|~]/g, '\\$&')
    .replace(/\r?\n|\r/g, ' ');
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}
