import { host } from './host/host.ts';
import { redact } from './secrets.ts';

// The only way text reaches the log, whichever host runs the action. Every text may hold what a
// platform answer or an input carried, so each one is made safe here, once:
// - registered secrets are removed (the runner masks them too, but only in what it shows);
// - it is split on every line break Unicode knows, and control characters (ESC, CR, …) are
//   dropped, so a terminal cannot be made to overwrite a line and no line can be smuggled in;
// - a line the runner would read as a command (`::cmd::` or the legacy `##[cmd]`, after any
//   leading whitespace) gets a visible prefix, so it shows as text.

export function info(text: string): void {
  for (const line of safeLines(text)) host().info(line);
}

export function warning(text: string): void {
  host().warning(safeLines(text).join('\n'));
}

export function error(text: string): void {
  host().error(safeLines(text).join('\n'));
}

/** Built only when the host shows debug text: a request's description costs more than the request. */
export function debug(describe: () => string): void {
  if (host().debugging) host().debug(safeLines(describe()).join('\n'));
}

/** Runs fn inside a foldable log group. */
export async function group<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
  host().startGroup(safeLines(name).join(' '));
  try {
    return await fn();
  } finally {
    host().endGroup();
  }
}

/** How far a long run has come; shown as the host sees fit (a line in place, or every 10%). */
export function progress(text: string, done: number, total: number): void {
  host().progress(safeLines(text).join(' '), done, total);
}

const LINE_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/;
// C0 and C1 controls and DEL, except the tab; also the bidirectional overrides that can make a
// line read differently from what it holds.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const COMMAND_LIKE = /^\s*(::|##\[)/;

/** The text as lines that can be shown as they are: see the module comment. */
export function safeLines(text: string): string[] {
  return redact(text)
    .split(LINE_BREAK)
    .map((line) => line.replace(CONTROL, ''))
    .map((line) => (COMMAND_LIKE.test(line) ? `| ${line}` : line));
}

/** The text on one line: line breaks become spaces, control characters are dropped. */
export function oneLine(text: string): string {
  return text
    .split(LINE_BREAK)
    .map((line) => line.replace(CONTROL, ''))
    .join(' ');
}
