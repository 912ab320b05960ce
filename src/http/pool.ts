import type { Dispatcher } from 'undici';
import { jobLocal } from '../job-scope.ts';

/**
 * One keep-alive pool for the whole job (the GitHub client's too), with a proxy and without. Kept
 * apart from the request code so that closing it at the end of every run loads no HTTP client
 * when the run made no request (a bad input fails before any).
 */
export const pools = jobLocal((): { direct?: Dispatcher; proxied?: Promise<Dispatcher> } => ({}));

/** Closes the pool, so idle keep-alive sockets do not hold the process open once the work is done. */
export async function closeHttp(): Promise<void> {
  const closing = pools.get();
  pools.reset();
  await Promise.all([closing.direct?.destroy(), closing.proxied?.then((proxied) => proxied.destroy())]);
}
