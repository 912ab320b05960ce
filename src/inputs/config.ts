import { InputError } from '../errors.ts';
import type { RunContext } from '../run-context.ts';
import { readDeleteVersionsConfig, type DeleteVersionsConfig } from './delete-versions.ts';
import { readCleanContainersConfig, type CleanContainersConfig } from './containers.ts';
import { readDeployConfig, type DeployConfig } from './deploy.ts';
import { readGithubSettings, type GithubSettings } from './github.ts';
import { OPERATIONS } from './names.ts';
import { InputReader, type InputGetter } from './reader.ts';
import { readRollbackConfig, readSetTrafficConfig, type RollbackConfig, type SetTrafficConfig } from './traffic.ts';

export type Config = (DeployConfig | RollbackConfig | SetTrafficConfig | DeleteVersionsConfig | CleanContainersConfig) & {
  readonly github: GithubSettings;
};

/** Reads and validates every input of the chosen operation; throws an InputError naming each problem. */
export function readConfig(get: InputGetter, context: RunContext): Config {
  const r = new InputReader(get);
  const operation = r.text('operation');
  // Read before the operation's own inputs, whose reader reports every problem found so far.
  const github = readGithubSettings(r, operation);
  switch (operation) {
    case 'deploy':
      return { ...readDeployConfig(r, context), github };
    case 'rollback':
      return { ...readRollbackConfig(r), github };
    case 'set-traffic':
      return { ...readSetTrafficConfig(r), github };
    case 'delete-versions':
      return { ...readDeleteVersionsConfig(r), github };
    case 'clean-containers':
      return { ...readCleanContainersConfig(r), github };
    default:
      throw new InputError([
        operation
          ? `\`operation\`: unknown value "${operation}"; expected one of ${OPERATIONS.join(', ')}`
          : `\`operation\`: required; one of ${OPERATIONS.join(', ')}`,
      ]);
  }
}
