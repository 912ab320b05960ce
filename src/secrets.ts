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
  // Longest first: a secret inside a longer one must not break it up before it is removed whole.
  secrets.forms.sort((a, b) => b.length - a.length);
}

export function redact(text: string): string {
  let result = text;
  for (const secret of known.get().forms) result = result.split(secret).join('***');
  return result;
}
