import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { host } from './host/host.ts';
import { jobEnv, jobLocal } from './job-scope.ts';
import { oneLine } from './log.ts';
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
  // The brackets and the marker; each item kept adds itself and a comma.
  let size = 2 + Buffer.byteLength(marker(items.length));
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
  const path = join(jobEnv().RUNNER_TEMP || tmpdir(), `cloudrun-release-${operation}-${randomBytes(4).toString('hex')}.json`);
  writeFileSync(path, redact(JSON.stringify({ operation, ...result })));
  return path;
}

const summaryOfThisRun = jobLocal(() => ({ text: '' }));

/** Appends markdown to the job summary; secrets never reach it. */
export function writeSummary(markdown: string): void {
  summaryOfThisRun.get().text += redact(markdown);
  host().appendSummary(`${redact(markdown)}\n`);
}

/** Everything this run wrote to the job summary: the plan a pull-request comment shows. */
export function summaryWritten(): string {
  return summaryOfThisRun.get().text;
}

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

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}
