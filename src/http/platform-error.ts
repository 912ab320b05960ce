import { ActionError } from '../errors.ts';
import { UnreadableAnswerError } from './answer.ts';
import { HttpError } from './request.ts';

// What a failed call says about trying it again, the same for both platforms: the clients decide
// only which calls are safe to repeat, never which failures are worth repeating.

/** A platform answered with an error code. */
export abstract class PlatformError extends ActionError {
  /** The platform asks to try again later: a hiccup, not a verdict on the request. */
  abstract readonly transient: boolean;
  /** The answer shows the request was refused unprocessed (a rate limit), so repeating any call is safe. */
  abstract readonly refused: boolean;
  /** How long the platform asks to wait before the next attempt, when it says. */
  abstract readonly retryAfterMs: number | undefined;
}

// Neither platform documents a code for "not found" (a version, a service, a container): it is
// read from the message text, here only. The emulator answers in the same words.
const NOT_FOUND = /not\s*(?:found|exists?)|does\s*not\s*exist|no\s*such|不存在|ResourceNotFound/i;

/** The platform's message says the thing asked for does not exist. */
export function saysNotFound(message: string): boolean {
  return NOT_FOUND.test(message);
}

/** Worth repeating: the network or the platform had a hiccup. */
export function isTransient(err: unknown): boolean {
  if (err instanceof HttpError) return err.isTransient;
  if (err instanceof PlatformError) return err.transient;
  return err instanceof UnreadableAnswerError;
}

/** The failure may have come after the platform acted on the request. */
export function mayHaveTakenEffect(err: unknown): boolean {
  if (err instanceof HttpError) return err.mayHaveReachedServer;
  if (err instanceof PlatformError) return err.transient && !err.refused;
  return err instanceof UnreadableAnswerError;
}

/** The wait the answer asked for (Retry-After, a quota window), if any. */
export function retryAfterMs(err: unknown): number | undefined {
  if (err instanceof HttpError || err instanceof PlatformError) return err.retryAfterMs;
  return undefined;
}
