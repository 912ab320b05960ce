import { host } from './host/host.ts';
import { jobLocal } from './job-scope.ts';

// Every secret is registered here once: the host masks it in what it shows (the runner's
// add-mask), and redact() removes it from every text this action writes itself (log lines,
// summary, outputs, errors, GitHub payloads).
const known = jobLocal(() => new Set<string>());

export function addSecret(value: string | undefined): void {
  if (!value) return;
  known.get().add(value);
  host().mask(value);
}

export function redact(text: string): string {
  let result = text;
  for (const secret of known.get()) result = result.split(secret).join('***');
  return result;
}
