// One comment per marker on a pull request, written by the token's own identity only: a comment
// someone else wrote (with the marker copied into it) is never taken over.
import * as log from '../log.ts';
import { errorMessage } from '../errors.ts';
import type { GithubClient } from './client.ts';
import { isRateLimited } from './why-failed.ts';
import { t } from '../messages/messages.ts';

/** The author of the comments GITHUB_TOKEN (an installation token) writes. */
const ACTIONS_BOT = 'github-actions[bot]';

interface Comment {
  readonly id: number;
  readonly html_url: string;
}

interface Target {
  readonly owner: string;
  readonly repo: string;
  readonly issue_number: number;
}

/**
 * Updates the oldest of this identity's comments holding `marker`, or posts one, then deletes the
 * other ones: two runs at the same time may both have posted. Returns the comment's URL.
 */
export async function upsertStickyComment(octokit: GithubClient, target: Target, marker: string, body: string): Promise<string> {
  const { owner, repo, issue_number } = target;
  const author = await tokenIdentity(octokit);
  const mine = async (): Promise<Comment[]> =>
    (await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number, per_page: 100 }))
      .filter((c) => c.user?.login === author && c.body?.includes(marker))
      .sort((a, b) => a.id - b.id);

  let found = await mine();
  let kept = found[0];
  if (kept) {
    await octokit.rest.issues.updateComment({ owner, repo, comment_id: kept.id, body });
    log.info(t('github.comment_updated', { number: issue_number, url: kept.html_url }));
  } else {
    const created = (await octokit.rest.issues.createComment({ owner, repo, issue_number, body })).data;
    found = await mine();
    kept = found[0] ?? created;
    // Another run posted first: its comment is the one kept, and this run's plan is the newer one.
    if (kept.id !== created.id) await octokit.rest.issues.updateComment({ owner, repo, comment_id: kept.id, body });
    log.info(t('github.comment_posted', { number: issue_number, url: kept.html_url }));
  }
  await deleteDuplicates(octokit, owner, repo, found.slice(1));
  return kept.html_url;
}

/** The login the token writes as: GET /user answers 403 to an installation token (GITHUB_TOKEN). */
async function tokenIdentity(octokit: GithubClient): Promise<string> {
  try {
    return (await octokit.rest.users.getAuthenticated()).data.login;
  } catch (err) {
    if ((err as { status?: number }).status === 403 && !isRateLimited(err)) return ACTIONS_BOT;
    throw err;
  }
}

async function deleteDuplicates(octokit: GithubClient, owner: string, repo: string, duplicates: Comment[]): Promise<void> {
  for (const duplicate of duplicates) {
    try {
      await octokit.rest.issues.deleteComment({ owner, repo, comment_id: duplicate.id });
      log.info(t('github.duplicate_deleted', { url: duplicate.html_url }));
    } catch (err) {
      // Another run removing the same duplicate got there first.
      if ((err as { status?: number }).status === 404) continue;
      log.warning(t('github.duplicate_not_deleted', { url: duplicate.html_url, error: errorMessage(err) }));
    }
  }
}
