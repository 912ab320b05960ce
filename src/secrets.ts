import * as runner from './runner.ts';

// Every secret is registered here once: the runner masks it in logs (runner.setSecret), and
// redact() removes it from the texts this action writes itself (summary, outputs, errors).
const known = new Set<string>();

export function addSecret(value: string | undefined): void {
  if (!value) return;
  known.add(value);
  runner.setSecret(value);
}

export function redact(text: string): string {
  let result = text;
  for (const secret of known) result = result.split(secret).join('***');
  return result;
}
