import { actionInput, GithubActionsHost } from './host/github-actions.ts';
import { runJob } from './job.ts';

/** The action's entry: the job on the GitHub Actions runner; a failure fails the step. */
export async function run(): Promise<void> {
  const env = process.env;
  if (!(await runJob((name) => actionInput(name, env), new GithubActionsHost(env), env))) process.exitCode = 1;
}
