// The workflow run, read from the variables the runner sets (the same ones @actions/github's
// Context reads, but from the job's own environment rather than once per process), so the common
// paths do not load the GitHub client.
import { readFileSync } from 'node:fs';
import { jobEnv } from './job-scope.ts';

export interface RunContext {
  readonly repository: string;
  readonly sha: string;
  readonly runNumber: string;
  readonly runUrl: string;
}

export function readRunContext(env: NodeJS.ProcessEnv = jobEnv()): RunContext {
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const repository = env.GITHUB_REPOSITORY ?? '';
  return {
    repository,
    sha: env.GITHUB_SHA ?? '',
    runNumber: env.GITHUB_RUN_NUMBER ?? '',
    runUrl: repository && env.GITHUB_RUN_ID ? `${server}/${repository}/actions/runs/${env.GITHUB_RUN_ID}` : '',
  };
}

/** The event that started the run: GITHUB_EVENT_NAME, and the webhook payload at GITHUB_EVENT_PATH. */
export interface RunEvent {
  readonly name: string;
  readonly payload: Record<string, unknown>;
}

export function readRunEvent(env: NodeJS.ProcessEnv = jobEnv()): RunEvent {
  const path = env.GITHUB_EVENT_PATH;
  let payload: unknown = {};
  try {
    if (path) payload = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    // Missing or not JSON: read as an event without a payload, so no pull request is commented on.
  }
  return {
    name: env.GITHUB_EVENT_NAME ?? '',
    payload: typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {},
  };
}

/** owner and repo of GITHUB_REPOSITORY ("owner/repo"), as the GitHub API's parameters name them. */
export function repoOf(context: RunContext): { owner: string; repo: string } {
  const [owner = '', repo = ''] = context.repository.split('/');
  return { owner, repo };
}
