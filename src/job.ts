import { shielded } from './cancel.ts';
import { clock } from './clock.ts';
import { errorMessage } from './errors.ts';
import type { Host } from './host/host.ts';
import { closeHttp } from './http/pool.ts';
import { maskProxyCredentials } from './http/proxy-env.ts';
import { readConfig, type Config } from './inputs/config.ts';
import { SECRET_INPUTS } from './inputs/names.ts';
import type { InputGetter } from './inputs/reader.ts';
import { runInScope, type JobScope } from './job-scope.ts';
import * as log from './log.ts';
import { moduleFor } from './operations/registry.ts';
import { renderRun, setOutputs } from './result/render.ts';
import type { FinishedRun } from './result/result.ts';
import { readRunContext } from './run-context.ts';
import { addSecret } from './secrets.ts';

/**
 * The whole job, on the host the entry point chose and in its own scope (src/job-scope.ts): mask
 * secrets, read inputs, run the operation, and render its result however it ended. Every failure
 * is logged as an error; returns whether the job succeeded.
 */
export function runJob(
  get: InputGetter,
  host: Host,
  env: NodeJS.ProcessEnv,
  options: Pick<JobScope, 'cancel' | 'timeScale'> = {},
): Promise<boolean> {
  return inJob(get, { host, env, ...options }, runOperation);
}

/**
 * What every run of the action shares, the main job and the post step alike: its own scope, secrets
 * masked before anything can print them, the inputs read and checked, every failure logged as an
 * error, and the HTTP pool closed at the end. Returns whether `work` succeeded.
 */
export function inJob(get: InputGetter, scope: JobScope, work: (config: Config) => Promise<void>): Promise<boolean> {
  return runInScope(scope, async () => {
    try {
      for (const name of SECRET_INPUTS) addSecret(get(name));
      maskProxyCredentials();
      const config = readConfig(get, readRunContext());
      for (const secret of config.secrets) addSecret(secret);
      await work(config);
      return true;
    } catch (err) {
      log.error(errorMessage(err));
      return false;
    } finally {
      // Idle keep-alive sockets would hold the process open after the work is done.
      await closeHttp();
    }
  });
}

/**
 * The one finishing path: whatever ends the operation, the result it has so far is rendered
 * (outputs, summary, report file) and recorded on GitHub when asked.
 */
async function runOperation(config: Config): Promise<void> {
  const operation = await moduleFor(config);
  const result = operation.begin(config);
  const startedAt = clock.now();
  const github = config.github.deployment || config.github.prComment ? await startGithub(config) : undefined;
  let failure: Error | undefined;
  try {
    await operation.execute(config, result);
  } catch (err) {
    failure = err instanceof Error ? err : new Error(errorMessage(err));
  }
  const run: FinishedRun = { result, durationMs: clock.now() - startedAt, failure };
  // Rendered and recorded to the end, also when the job was cancelled meanwhile.
  await shielded(async () => {
    const summary = renderRun(run);
    if (github) setOutputs(await github.finish(run, summary));
  });
  if (failure) throw failure;
}

async function startGithub(config: Config) {
  return (await import('./github/record.ts')).startGithubRecord(config);
}
