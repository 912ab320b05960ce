// GitHub Deployments and the sticky pull-request comment. Loaded only when one of them is on, so
// the other paths do not pay for the GitHub client. A failure here is a warning that says what
// was and was not recorded, never a failed release: the platform is the source of truth, GitHub
// only records it.
import * as log from '../log.ts';
import type { GithubSettings } from './settings.ts';
import type { NetworkSettings } from '../http/settings.ts';
import { readRunContext, readRunEvent, repoOf, type RunContext } from '../run-context.ts';
import { githubClient, type GithubClient } from './client.ts';
import { isForkPullRequest, whyGithubFailed, type Feature } from './why-failed.ts';
import { upsertStickyComment } from './sticky-comment.ts';
import { forGithub } from './text.ts';
import { t } from '../messages/messages.ts';

/** Posting on pull_request_target too is safe: the action runs nothing from the pull request. */
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

// GitHub's limits, in UTF-16 units.
const DESCRIPTION_MAX = 140;
const COMMENT_MAX = 65_536;

type FinalState = 'success' | 'failure' | 'error';

export class GithubRecorder {
  readonly #octokit: GithubClient;
  readonly #settings: GithubSettings;
  readonly #run: RunContext = readRunContext();
  readonly #repo = repoOf(this.#run);
  readonly #event = readRunEvent();
  readonly #fromFork = isForkPullRequest(this.#event.name, this.#event.payload);
  #deploymentId: number | undefined;

  constructor(settings: GithubSettings, network: NetworkSettings) {
    this.#settings = settings;
    // The client takes the job's GITHUB_API_URL, so GitHub Enterprise Server works too.
    this.#octokit = githubClient(settings.token, network);
  }

  /** Takes over a deployment an earlier step created (the post step finishing the main step's). */
  resume(deploymentId: number): void {
    this.#deploymentId = deploymentId;
  }

  /** Creates the deployment and marks it in progress; returns its id, or undefined when it was not created. */
  async startDeployment(description: string, payload: Record<string, string>): Promise<number | undefined> {
    const deployment = this.#settings.deployment!;
    try {
      const created = await this.#octokit.rest.repos.createDeployment({
        ...this.#repo,
        ref: this.#run.sha,
        environment: deployment.environment,
        description: forGithub(description, DESCRIPTION_MAX),
        payload,
        auto_merge: false,
        required_contexts: [],
      });
      if (!('id' in created.data)) throw new Error(t('github.not_created', { message: String(created.data.message ?? created.status) }));
      this.#deploymentId = created.data.id;
    } catch (err) {
      // After a 5xx or no answer (octokit reports both as 5xx) GitHub may have created it all the same.
      const mayExist = ((err as { status?: number }).status ?? 0) >= 500;
      this.#warn('deployment', mayExist ? t('github.deployment_unconfirmed') : t('github.deployment_not_recorded'), err);
      return undefined;
    }
    log.info(t('github.recorded', { id: this.#deploymentId, environment: deployment.environment }));
    try {
      await this.#setStatus('in_progress', t('github.rolling_out'));
    } catch (err) {
      this.#warn('deployment', t('github.in_progress_not_set', { id: this.#deploymentId }), err);
    }
    return this.#deploymentId;
  }

  /** Gives the deployment its final status; if GitHub refuses that one, `error`, so it never stays in progress. */
  async finishDeployment(succeeded: boolean, description: string): Promise<void> {
    const id = this.#deploymentId;
    if (id === undefined) return;
    const state = succeeded ? 'success' : 'failure';
    let why: string;
    try {
      return await this.#setStatus(state, description);
    } catch (err) {
      why = this.#why('deployment', err);
    }
    const outcome = t(succeeded ? 'github.release_succeeded' : 'github.release_failed');
    try {
      await this.#setStatus('error', t('github.status_refused', { state, outcome }));
      log.warning(t('github.marked_error', { id, state, why, outcome }));
    } catch (err) {
      log.warning(t('github.no_final_status', { id, state, why, error: this.#why('deployment', err), outcome }));
    }
  }

  /** Creates or updates the one comment on the pull request that holds `marker`; returns its URL. */
  async upsertComment(marker: string, body: string): Promise<string | undefined> {
    const pull = this.#event.payload.pull_request as { number?: number } | undefined;
    if (!PULL_REQUEST_EVENTS.has(this.#event.name) || !pull?.number) {
      log.info(t('github.not_pull_request', { event: this.#event.name || t('run.unknown') }));
      return undefined;
    }
    const text = `${marker}\n${forGithub(body, COMMENT_MAX - marker.length - 1)}`;
    try {
      return await upsertStickyComment(this.#octokit, { ...this.#repo, issue_number: pull.number }, marker, text);
    } catch (err) {
      this.#warn('comment', t('github.comment_not_posted'), err);
      return undefined;
    }
  }

  async #setStatus(state: 'in_progress' | FinalState, description: string): Promise<void> {
    const deployment = this.#settings.deployment!;
    await this.#octokit.rest.repos.createDeploymentStatus({
      ...this.#repo,
      deployment_id: this.#deploymentId!,
      state,
      description: forGithub(description, DESCRIPTION_MAX),
      log_url: this.#run.runUrl || undefined,
      environment_url: deployment.environmentUrl,
      auto_inactive: deployment.deactivatePrevious,
    });
  }

  #why(feature: Feature, err: unknown): string {
    return whyGithubFailed(err, feature, this.#fromFork);
  }

  #warn(feature: Feature, what: string, err: unknown): void {
    log.warning(`${what}: ${this.#why(feature, err)}`);
  }
}
