import * as runner from './runner.ts';
import { errorMessage } from './errors.ts';
import { maskProxyCredentials } from './http/proxy-env.ts';
import { readConfig, type Config } from './inputs/config.ts';
import { SECRET_INPUTS } from './inputs/names.ts';
import { runRecorded } from './github/recorded-run.ts';
import { readRunContext } from './run-context.ts';
import { addSecret, redact } from './secrets.ts';

/** The whole job: mask secrets, read inputs, run the operation; every failure ends in setFailed. */
export async function run(): Promise<void> {
  try {
    for (const name of SECRET_INPUTS) addSecret(runner.getInput(name));
    maskProxyCredentials();
    const config = readConfig((name) => runner.getInput(name), readRunContext());
    if (config.github.deployment || config.github.prComment) await runRecorded(config, runOperation);
    else await runOperation(config);
  } catch (err) {
    runner.setFailed(redact(errorMessage(err)));
  }
}

/** Each operation is loaded only when it runs, so a run that fails on its inputs starts fast. */
async function runOperation(config: Config): Promise<void> {
  switch (config.operation) {
    case 'deploy':
      return (await import('./operations/deploy.ts')).deploy(config);
    case 'delete-versions':
      return (await import('./operations/delete-versions.ts')).deleteVersions(config);
    case 'clean-containers':
      return (await import('./operations/clean-containers.ts')).cleanContainers(config);
  }
}
