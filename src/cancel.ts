import { AsyncLocalStorage } from 'node:async_hooks';
import { ActionError } from './errors.ts';
import { currentScope } from './job-scope.ts';
import { t } from './messages/messages.ts';

// A cancelled job (the runner's SIGINT then SIGTERM, Ctrl-C at a terminal) stops waiting and
// stops reading at once: every wait goes through clock.sleep and every read through
// httpRequest, and both end with a CancelledError. A write in flight is let finish, since
// cutting it would leave its outcome unknown. What must happen once the job is cancelled
// (putting traffic back, confirming it, rendering the result) runs shielded from the cancel.

/** The job was cancelled; `signal` names what cancelled it. */
export class CancelledError extends ActionError {
  readonly signal: string;
  constructor(signal: string) {
    super(t('run.cancelled', { signal }));
    this.name = 'CancelledError';
    this.signal = signal;
  }
}

const shield = new AsyncLocalStorage<true>();

/** The job's cancel signal, as the code running now should obey it: none while shielded. */
export function cancelSignal(): AbortSignal | undefined {
  return shield.getStore() ? undefined : currentScope().cancel;
}

/** What cancelled the job, if it was, shielded or not. */
export function cancelledBy(): string | undefined {
  const signal = currentScope().cancel;
  return signal?.aborted ? String(signal.reason) : undefined;
}

/** The error a cancelled wait or read ends with. */
export function cancelledError(signal: AbortSignal): CancelledError {
  return new CancelledError(String(signal.reason));
}

export function throwIfCancelled(): void {
  const signal = cancelSignal();
  if (signal?.aborted) throw cancelledError(signal);
}

/** Runs fn to its end whether or not the job is cancelled meanwhile. */
export function shielded<T>(fn: () => Promise<T>): Promise<T> {
  return shield.run(true, fn);
}
