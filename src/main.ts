import { actionInput, GithubActionsHost } from './host/github-actions.ts';
import { inJob, runJob } from './job.ts';
import { cancelOnSignals } from './signals.ts';

/** The action's entry: the job on the GitHub Actions runner; a failure or a cancel fails the step. */
export async function run(): Promise<void> {
  const env = process.env;
  // A closed stdout (a pipe whose reader went away) must not end the work: what is lost is only text.
  process.stdout.on('error', () => {});
  const cancel = cancelOnSignals();
  const succeeded = await runJob((name) => actionInput(name, env), new GithubActionsHost(env), env, {
    cancel,
    timeScale: globalThis.cloudrunTestTimeScale,
  });
  if (!succeeded) process.exitCode = 1;
}

/** The action's post step: finishes what the main step could not (src/post.ts); nothing when it left nothing. */
export async function runPost(): Promise<void> {
  const env = process.env;
  const { leftByMainStep, finishMainStep } = await import('./post.ts');
  const left = leftByMainStep(env);
  if (!left) return;
  process.stdout.on('error', () => {});
  const succeeded = await inJob(
    (name) => actionInput(name, env),
    { host: new GithubActionsHost(env), env, timeScale: globalThis.cloudrunTestTimeScale },
    (config) => finishMainStep(config, left),
  );
  if (!succeeded) process.exitCode = 1;
}
