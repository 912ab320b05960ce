import { host } from './host/host.ts';
import { jobLocal } from './job-scope.ts';

// Every secret is registered here once: the host masks it in what it shows (the runner's
// add-mask), and redact() removes it from every text this action writes itself (log lines,
// summary, outputs, errors, GitHub payloads).
const known = jobLocal(() => ({ forms: [] as string[] }));

export function addSecret(value: string | undefined): void {
  if (!value) return;
  const secrets = known.get();
  // Also as JSON and URLs write it: a secret with a quote, a backslash or a '+' changes in them.
  for (const form of new Set([value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)])) {
    if (secrets.forms.includes(form)) continue;
    secrets.forms.push(form);
    host().mask(form);
  }
}

export function redact(text: string): string {
  return hide(text, known.get().forms);
}

/**
 * The text with every occurrence of every value replaced by `***`. Occurrences that overlap or
 * touch become one: `abcd1234` and `1234wxyz` both go from `abcd1234wxyz`, which replacing one
 * value after the other would not do.
 */
export function hide(text: string, values: readonly string[]): string {
  const spans: [number, number][] = [];
  for (const value of values) {
    for (let at = text.indexOf(value); value && at >= 0; at = text.indexOf(value, at + 1)) spans.push([at, at + value.length]);
  }
  if (!spans.length) return text;
  spans.sort((a, b) => a[0] - b[0]);
  let shown = '';
  let from = 0;
  let [start, end] = spans[0];
  for (const [s, e] of spans) {
    if (s > end) {
      shown += `${text.slice(from, start)}***`;
      [from, start] = [end, s];
    }
    end = Math.max(end, e);
  }
  return `${shown}${text.slice(from, start)}***${text.slice(end)}`;
}
