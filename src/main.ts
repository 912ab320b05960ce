import { actionInput, GithubActionsHost } from './host/github-actions.ts';
import { useHost } from './host/host.ts';
import { runJob } from './job.ts';

/** The action's entry: the job on the GitHub Actions runner; a failure fails the step. */
export async function run(): Promise<void> {
  useHost(new GithubActionsHost());
  if (!(await runJob((name) => actionInput(name)))) process.exitCode = 1;
}
