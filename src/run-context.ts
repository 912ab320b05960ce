// The workflow run, read from the variables the runner sets (the same ones @actions/github's
// Context reads), so the common paths do not load the GitHub client.
export interface RunContext {
  readonly repository: string;
  readonly sha: string;
  readonly runNumber: string;
  readonly runUrl: string;
}

export function readRunContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const repository = env.GITHUB_REPOSITORY ?? '';
  return {
    repository,
    sha: env.GITHUB_SHA ?? '',
    runNumber: env.GITHUB_RUN_NUMBER ?? '',
    runUrl: repository && env.GITHUB_RUN_ID ? `${server}/${repository}/actions/runs/${env.GITHUB_RUN_ID}` : '',
  };
}
