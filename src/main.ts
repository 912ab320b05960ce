import * as core from '@actions/core';
import { errorMessage } from './errors.ts';
import { maskProxyCredentials } from './http/proxy-env.ts';
import { readConfig } from './inputs/config.ts';
import { SECRET_INPUTS } from './inputs/names.ts';
import { deleteVersions } from './operations/delete-versions.ts';
import { cleanContainers } from './operations/clean-containers.ts';
import { deploy } from './operations/deploy.ts';
import { readRunContext } from './run-context.ts';
import { addSecret, redact } from './secrets.ts';

/** The whole job: mask secrets, read inputs, run the operation; every failure ends in setFailed. */
export async function run(): Promise<void> {
  try {
    for (const name of SECRET_INPUTS) addSecret(core.getInput(name).trim());
    maskProxyCredentials();
    const config = readConfig((name) => core.getInput(name), readRunContext());
    switch (config.operation) {
      case 'deploy':
        return await deploy(config);
      case 'delete-versions':
        return await deleteVersions(config);
      case 'clean-containers':
        return await cleanContainers(config);
    }
  } catch (err) {
    core.setFailed(redact(errorMessage(err)));
  }
}
