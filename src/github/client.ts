// The GitHub client: @actions/github's octokit with the maintained retry and throttling plugins,
// bounded by the same request_timeout and retry_budget as the platform calls, over the shared
// HTTP pool (so HTTPS_PROXY / NO_PROXY apply and closeHttp() lets the process exit).
import { getOctokit } from '@actions/github';
import Bottleneck from 'bottleneck/light.js';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { fetch, Response, type RequestInit } from 'undici';
import { clock } from '../clock.ts';
import { formatSeconds } from '../duration.ts';
import { dispatcherFor } from '../http/request.ts';
import { jobEnv } from '../job-scope.ts';
import type { NetworkSettings } from '../http/settings.ts';
import * as log from '../log.ts';
import { t } from '../messages/messages.ts';

export type GithubClient = ReturnType<typeof getOctokit>;

/** plugin-retry waits 1 s, 4 s, 9 s before its retries ((n + 1)² × its base of 1 s). */
const RETRY_WAITS_MS = [1_000, 4_000, 9_000];

export function githubClient(token: string, network: NetworkSettings): GithubClient {
  return getOctokit(
    token,
    {
      // The job's GITHUB_API_URL (GitHub Enterprise Server has its own); @actions/github reads the process's once.
      baseUrl: jobEnv().GITHUB_API_URL || 'https://api.github.com',
      request: { fetch: fetchWithin(network.requestTimeoutMs) },
      // plugin-retry's own list, plus 429: rate limits are the throttling plugin's, which waits as GitHub asks.
      retry: {
        retries: retriesWithin(network),
        doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
        retryAfterBaseValue: clock.realMs(1000),
      },
      throttle: {
        // The plugins wait on their own timers; these are their defaults, through the clock so the
        // test suite (RELEASE_TEST_TIME_SCALE) does not sleep: one write a second, as GitHub asks of integrations.
        retryAfterBaseValue: clock.realMs(1000),
        write: new Bottleneck.Group({ id: 'octokit-write', maxConcurrent: 1, minTime: clock.realMs(1000) }),
        // and three seconds between writes that notify people (a comment).
        notifications: new Bottleneck.Group({ id: 'octokit-notifications', maxConcurrent: 1, minTime: clock.realMs(3000) }),
        // GitHub says when to come back (Retry-After, x-ratelimit-reset): wait once, if that fits.
        onRateLimit: (retryAfterS: number, _options: unknown, _octokit: unknown, retryCount: number) =>
          retryOnce(t('github.rate_limit', { seconds: retryAfterS }), retryAfterS, retryCount, network),
        onSecondaryRateLimit: (retryAfterS: number, _options: unknown, _octokit: unknown, retryCount: number) =>
          retryOnce(t('github.secondary_rate_limit', { seconds: retryAfterS }), retryAfterS, retryCount, network),
      },
    },
    retry,
    throttling,
  );
}

/**
 * As many 5xx retries as fit in retry_budget in the worst case, every attempt taking the whole
 * request_timeout: the budget bounds the time a call may take, its attempts included.
 */
export function retriesWithin(network: NetworkSettings): number {
  let spent = network.requestTimeoutMs;
  let retries = 0;
  for (const wait of RETRY_WAITS_MS) {
    spent += wait + network.requestTimeoutMs;
    if (spent > network.retryBudgetMs) break;
    retries++;
  }
  return retries;
}

/** said: the line that says so, when the wait fits. */
function retryOnce(said: string, retryAfterS: number, retryCount: number, network: NetworkSettings): boolean {
  const fits = retryCount === 0 && retryAfterS * 1000 + network.requestTimeoutMs <= network.retryBudgetMs;
  if (fits) log.info(said);
  return fits;
}

/**
 * fetch with one deadline for the whole request (connect, headers and body): the body is read
 * here, within the deadline, so octokit never waits on a stalled answer.
 */
function fetchWithin(timeoutMs: number) {
  return async (url: string, init: RequestInit): Promise<Response> => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    try {
      const res = await fetch(url, { ...init, signal, dispatcher: await dispatcherFor(new URL(url)) });
      const body = await res.arrayBuffer();
      const empty = res.status === 204 || res.status === 304;
      return new Response(empty ? null : body, { status: res.status, statusText: res.statusText, headers: res.headers });
    } catch (err) {
      if (deadline.aborted) throw new Error(t('github.no_answer', { timeout: formatSeconds(timeoutMs) }), { cause: err });
      throw err;
    }
  };
}
