import { isTransient, mayHaveTakenEffect } from './platform-error.ts';
import { t } from '../messages/messages.ts';

/**
 * How a platform call may be repeated; the same words for both platforms' clients:
 * - read: changes nothing; anything transient is retried.
 * - idempotent: a write whose repetition is harmless, because the caller reads "already done"
 *   (an existing service, a version or container already gone) as done.
 * - once: a write repeated only when it provably never reached the platform (a release: a second
 *   one could stack on the first).
 */
export type CallKind = 'read' | 'idempotent' | 'once';

/** Whether a failed call of this kind may be tried again. */
export function isRetryable(err: unknown, kind: CallKind): boolean {
  return isTransient(err) && (kind !== 'once' || !mayHaveTakenEffect(err));
}

/**
 * A write reached a dry run's client: a bug in the action, never the user's doing, caught before
 * anything was sent. The clients refuse every call that is not a read on a dry run, so no
 * operation can forget it.
 */
export class DryRunWriteError extends Error {
  constructor(api: string) {
    super(t('http.dry_run_write', { api }));
    this.name = 'DryRunWriteError';
  }
}
