import { InputError } from '../errors.ts';
import type { RunContext } from '../run-context.ts';
import { readCleanContainersConfig, type CleanContainersConfig } from './containers.ts';
import { readDeployConfig, type DeployConfig } from './deploy.ts';
import { OPERATIONS } from './names.ts';
import { InputReader, type InputGetter } from './reader.ts';

export type Config = DeployConfig | CleanContainersConfig;

/** Reads and validates every input of the chosen operation; throws an InputError naming each problem. */
export function readConfig(get: InputGetter, context: RunContext): Config {
  const r = new InputReader(get);
  const operation = r.text('operation');
  switch (operation) {
    case 'deploy':
      return readDeployConfig(r, context);
    case 'clean-containers':
      return readCleanContainersConfig(r);
    case 'delete-versions':
      throw new InputError([`\`operation\`: "${operation}" is not yet supported by this version of the action`]);
    default:
      throw new InputError([
        operation
          ? `\`operation\`: unknown value "${operation}"; expected one of ${OPERATIONS.join(', ')}`
          : `\`operation\`: required; one of ${OPERATIONS.join(', ')}`,
      ]);
  }
}
