// GitHub Deployments and the sticky pull-request comment. Loaded only when one of them is on, so
// the other paths do not pay for the GitHub client. A failure here is a warning, never a failed
// release: the platform is the source of truth, GitHub only records it.
import * as log from '../log.ts';
import { context, getOctokit } from '@actions/github';
import { errorMessage } from '../errors.ts';
import type { GithubSettings } from '../inputs/github.ts';
import { redact } from '../secrets.ts';

type Octokit = ReturnType<typeof getOctokit>;

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

/** What each feature needs in the job's `permissions:`. */
const PERMISSION = { deployment: 'deployments: write', comment: 'pull-requests: write' } as const;

export class GithubRecorder {
  readonly #octokit: Octokit;
  readonly #settings: GithubSettings;
  #deploymentId: number | undefined;

  constructor(settings: GithubSettings) {
    this.#settings = settings;
    // getOctokit follows GITHUB_API_URL, so GitHub Enterprise Server works too.
    this.#octokit = getOctokit(settings.token);
  }

  /** Creates the deployment and marks it in progress; returns its id, or undefined on failure. */
  async startDeployment(description: string, payload: Record<string, string>): Promise<number | undefined> {
    const deployment = this.#settings.deployment!;
    return this.#attempt('deployment', async () => {
      const created = await this.#octokit.rest.repos.createDeployment({
        ...context.repo,
        ref: context.sha,
        environment: deployment.environment,
        description: description.slice(0, 140),
        payload,
        auto_merge: false,
        required_contexts: [],
      });
      if (!('id' in created.data)) throw new Error(`GitHub did not create the deployment: ${created.data.message ?? created.status}`);
      this.#deploymentId = created.data.id;
      await this.#setStatus('in_progress', 'Rolling out');
      log.info(`Recorded GitHub deployment ${this.#deploymentId} for environment ${deployment.environment}.`);
      return this.#deploymentId;
    });
  }

  async finishDeployment(succeeded: boolean, description: string): Promise<void> {
    if (this.#deploymentId === undefined) return;
    await this.#attempt('deployment', () => this.#setStatus(succeeded ? 'success' : 'failure', description));
  }

  /** Creates or updates the one comment on the pull request that holds `marker`; returns its URL. */
  async upsertComment(marker: string, body: string): Promise<string | undefined> {
    const pull = context.payload.pull_request as { number?: number } | undefined;
    if (!PULL_REQUEST_EVENTS.has(context.eventName) || !pull?.number) {
      log.info(`pr_comment: the event is ${context.eventName ?? 'unknown'}, not a pull request; no comment posted.`);
      return undefined;
    }
    const text = `${marker}\n${redact(body)}`;
    return this.#attempt('comment', async () => {
      const comments = await this.#octokit.paginate(this.#octokit.rest.issues.listComments, {
        ...context.repo,
        issue_number: pull.number!,
        per_page: 100,
      });
      const mine = comments.find((c) => c.body?.includes(marker));
      const answer = mine
        ? await this.#octokit.rest.issues.updateComment({ ...context.repo, comment_id: mine.id, body: text })
        : await this.#octokit.rest.issues.createComment({ ...context.repo, issue_number: pull.number!, body: text });
      log.info(`${mine ? 'Updated' : 'Posted'} the plan comment on pull request #${pull.number}: ${answer.data.html_url}`);
      return answer.data.html_url;
    });
  }

  async #setStatus(state: 'in_progress' | 'success' | 'failure', description: string): Promise<void> {
    const deployment = this.#settings.deployment!;
    await this.#octokit.rest.repos.createDeploymentStatus({
      ...context.repo,
      deployment_id: this.#deploymentId!,
      state,
      description: redact(description).slice(0, 140),
      log_url: `${context.serverUrl}/${context.repo.owner}/${context.repo.repo}/actions/runs/${context.runId}`,
      environment_url: deployment.environmentUrl,
      auto_inactive: deployment.deactivatePrevious,
    });
  }

  async #attempt<T>(feature: keyof typeof PERMISSION, fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (err) {
      const status = (err as { status?: number }).status;
      const why =
        status === 403 || status === 404
          ? `the token lacks permission (HTTP ${status}): add "${PERMISSION[feature]}" to the job's permissions`
          : errorMessage(err);
      log.warning(`GitHub ${feature} not recorded: ${why}`);
      return undefined;
    }
  }
}
