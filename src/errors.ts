import { t } from './messages/messages.ts';

/** A failure the user can act on: what went wrong, and what to do about it. */
export class ActionError extends Error {
  readonly hint: string | undefined;
  /** options.cause: the error this one explains, kept for debugging (never shown in place of the message). */
  constructor(message: string, hint?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ActionError';
    this.hint = hint;
  }
}

/** Every problem found in the inputs, reported together before any API call. */
export class InputError extends ActionError {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(t('run.invalid_inputs', { problems: problems.map((p) => `  - ${p}`).join('\n') }));
    this.name = 'InputError';
    this.problems = problems;
  }
}

/** A message from any thrown value; a non-Error throw must not pass silently. */
export function errorMessage(err: unknown): string {
  if (err instanceof ActionError) return err.hint ? `${err.message}\n${t('run.hint', { hint: err.hint })}` : err.message;
  if (err instanceof Error) return err.message || err.name;
  if (typeof err === 'string') return err;
  try {
    return t('run.unexpected', { error: JSON.stringify(err) });
  } catch {
    return t('run.unexpected', { error: String(err) });
  }
}

/** Outside text (an answer, a name) as it can be shown in one line of a message: quoted, escaped, capped. */
export function quoted(text: string, max = 80): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}
