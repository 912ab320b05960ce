import { InputError } from '../errors.ts';
import type { RunContext } from '../run-context.ts';
import { readDeleteVersionsConfig, type DeleteVersionsConfig } from './delete-versions.ts';
import { readCleanContainersConfig, type CleanContainersConfig } from './containers.ts';
import { envVarSecrets, readDeployConfig, type DeployConfig } from './deploy.ts';
import type { GithubSettings } from '../github/settings.ts';
import { readGithubSettings } from './github.ts';
import { OPERATIONS, unknownOperation } from './names.ts';
import { InputReader, type InputGetter } from './reader.ts';
import { readRollbackConfig, readSetTrafficConfig, type RollbackConfig, type SetTrafficConfig } from './traffic.ts';
import { parseLanguage, t, useLanguage } from '../messages/messages.ts';

export type Config = (DeployConfig | RollbackConfig | SetTrafficConfig | DeleteVersionsConfig | CleanContainersConfig) & {
  readonly github: GithubSettings;
  /** Values from inputs that are not secret inputs but hold secrets (env_vars): masked before anything is shown. */
  readonly secrets: readonly string[];
};

/**
 * Reads and validates every input of the chosen operation; throws an InputError naming each problem.
 * Sets the job's language (src/messages/messages.ts) from the `language` input before anything else.
 */
export function readConfig(get: InputGetter, context: RunContext): Config {
  const r = new InputReader(get);
  // First of all: the job says every problem found after it in the language it names.
  useLanguage(r.value('language', parseLanguage));
  const operation = r.text('operation');
  // Read before the operation's own inputs, whose reader reports every problem found so far.
  const github = readGithubSettings(r, operation);
  switch (operation) {
    case 'deploy': {
      const deploy = readDeployConfig(r, context);
      return { ...deploy, github, secrets: envVarSecrets(deploy.envVars) };
    }
    case 'rollback':
      return { ...readRollbackConfig(r), github, secrets: [] };
    case 'set-traffic':
      return { ...readSetTrafficConfig(r), github, secrets: [] };
    case 'delete-versions':
      return { ...readDeleteVersionsConfig(r), github, secrets: [] };
    case 'clean-containers':
      return { ...readCleanContainersConfig(r), github, secrets: [] };
    default:
      throw new InputError([
        operation
          ? t('input.operation_unknown', { unknown: unknownOperation(operation), operations: OPERATIONS.join(', ') })
          : t('input.operation_required', { operations: OPERATIONS.join(', ') }),
      ]);
  }
}
