import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { host } from './host/host.ts';
import { redact } from './secrets.ts';

/** Sets outputs; secrets never reach them. */
export function setOutputs(outputs: Readonly<Record<string, string | number | boolean>>): void {
  for (const [name, value] of Object.entries(outputs)) host().setOutput(name, redact(String(value)));
}

/** GitHub keeps at most 1 MB in one output. */
export const MAX_OUTPUT_BYTES = 1_000_000;

/**
 * A list as a JSON output within one output's cap. A longer list is cut, and its last element says
 * how many were left out and where the whole list is; counts go in their own outputs, exact.
 */
export function jsonListOutput(items: readonly unknown[], maxBytes = MAX_OUTPUT_BYTES): string {
  const whole = JSON.stringify(items);
  if (Buffer.byteLength(whole) <= maxBytes) return whole;
  const marker = (left: number) =>
    JSON.stringify(`… ${left} more of ${items.length}: the whole list is in the file named by the report_file output`);
  const kept: string[] = [];
  let size = 2 + Buffer.byteLength(marker(items.length)) + 1;
  for (const item of items) {
    const text = JSON.stringify(item);
    size += Buffer.byteLength(text) + 1;
    if (size > maxBytes) break;
    kept.push(text);
  }
  return `[${[...kept, marker(items.length - kept.length)].join(',')}]`;
}

/**
 * Writes the whole result of the run as JSON under RUNNER_TEMP (the runner's temporary directory,
 * kept for later steps of the job and for artifact uploads), and returns the file's path.
 */
export function writeReportFile(operation: string, result: Readonly<Record<string, unknown>>): string {
  const path = join(process.env.RUNNER_TEMP || tmpdir(), `cloudrun-release-${operation}-${randomBytes(4).toString('hex')}.json`);
  writeFileSync(path, redact(JSON.stringify({ operation, ...result })));
  return path;
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
