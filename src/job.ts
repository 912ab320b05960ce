import { errorMessage } from './errors.ts';
import type { Host } from './host/host.ts';
import { maskProxyCredentials } from './http/proxy-env.ts';
import { readConfig, type Config } from './inputs/config.ts';
import { SECRET_INPUTS } from './inputs/names.ts';
import type { InputGetter } from './inputs/reader.ts';
import { runInScope } from './job-scope.ts';
import * as log from './log.ts';
import { readRunContext } from './run-context.ts';
import { addSecret } from './secrets.ts';

/**
 * The whole job, on the host the entry point chose and in its own scope (src/job-scope.ts): mask
 * secrets, read inputs, run the operation. Every failure is logged as an error; returns whether
 * the job succeeded.
 */
export function runJob(get: InputGetter, host: Host, env: NodeJS.ProcessEnv): Promise<boolean> {
  return runInScope({ host, env }, () => job(get));
}

async function job(get: InputGetter): Promise<boolean> {
  try {
    for (const name of SECRET_INPUTS) addSecret(get(name));
    maskProxyCredentials();
    const config = readConfig(get, readRunContext());
    for (const secret of config.secrets) addSecret(secret);
    try {
      if (config.github.deployment || config.github.prComment) {
        const { runRecorded } = await import('./github/recorded-run.ts');
        await runRecorded(config, runOperation);
      } else await runOperation(config);
    } finally {
      // Idle keep-alive sockets would hold the process open after the work is done. The HTTP
      // layer is loaded here, not at start-up: the operation has loaded it already.
      await (await import('./http/request.ts')).closeHttp();
    }
    return true;
  } catch (err) {
    log.error(errorMessage(err));
    return false;
  }
}

/** Each operation is loaded only when it runs, so a run that fails on its inputs starts fast. */
async function runOperation(config: Config): Promise<void> {
  switch (config.operation) {
    case 'deploy':
      return (await import('./operations/deploy/deploy.ts')).deploy(config);
    case 'rollback':
      return (await import('./operations/traffic/rollback.ts')).rollback(config);
    case 'set-traffic':
      return (await import('./operations/traffic/set-traffic.ts')).setTraffic(config);
    case 'delete-versions':
      return (await import('./operations/delete-versions/delete-versions.ts')).deleteVersions(config);
    case 'clean-containers':
      return (await import('./operations/clean-containers/clean-containers.ts')).cleanContainers(config);
  }
}
