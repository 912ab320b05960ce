// Why a GitHub call failed, said so that the user knows what to do (or that nothing can be done).
import { errorMessage } from '../errors.ts';
import { t } from '../messages/messages.ts';

/** What each feature needs in the job's `permissions:`. */
const PERMISSION = { deployment: 'deployments: write', comment: 'pull-requests: write' } as const;
export type Feature = keyof typeof PERMISSION;

/** The part of octokit's RequestError read here; a transport failure has no response. */
interface GithubError {
  readonly status?: number;
  readonly response?: { readonly headers?: Readonly<Record<string, string | number | undefined>> };
}

/** A 403 or 429 that is GitHub's rate limit, not a verdict on the token's permissions. */
export function isRateLimited(err: unknown): boolean {
  const { status, response } = err as GithubError;
  return (status === 403 || status === 429) && (String(response?.headers?.['x-ratelimit-remaining']) === '0' || status === 429);
}

/**
 * A pull request from a fork, from the event payload: GitHub gives its `pull_request` runs a
 * read-only token whatever the workflow's permissions say.
 */
export function isForkPullRequest(eventName: string, payload: Record<string, unknown>): boolean {
  if (eventName !== 'pull_request') return false;
  const pull = payload.pull_request as
    { head?: { repo?: { fork?: boolean; full_name?: string } | null }; base?: { repo?: { full_name?: string } } } | undefined;
  if (!pull?.head) return false;
  const head = pull.head.repo;
  if (!head) return true; // the fork was deleted since the pull request was opened
  return head.fork === true || (head.full_name !== undefined && head.full_name !== pull.base?.repo?.full_name);
}

export function whyGithubFailed(err: unknown, feature: Feature, fromFork: boolean): string {
  const { status, response } = err as GithubError;
  if (isRateLimited(err)) {
    const reset = Number(response?.headers?.['x-ratelimit-reset']);
    const when = reset > 0 ? t('github.rate_limit_resets', { at: new Date(reset * 1000).toISOString() }) : '';
    return t('github.rate_limited', { status: String(status), when });
  }
  if (status === 403 && fromFork) return t('github.fork');
  if (status === 403 || status === 404) return t('github.no_permission', { status, permission: PERMISSION[feature] });
  if (status === 401) return t('github.token_refused');
  return response && status ? `HTTP ${status}: ${errorMessage(err)}` : errorMessage(err);
}
