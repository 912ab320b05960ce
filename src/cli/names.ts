// How the action's input names appear on the command line and in the environment.
import { closestName } from '../closest-name.ts';
import { INPUT_DEFAULTS, type InputName } from '../inputs/names.ts';

/** A mistake in how the command was called: reported before anything runs, exit code 2. */
export class UsageError extends Error {}

/** Every input except `operation`, which is the command's first argument. */
export const CLI_INPUTS = (Object.keys(INPUT_DEFAULTS) as InputName[]).filter((name) => name !== 'operation');

/** Inputs parsed as booleans (their default is true or false), which also accept a bare flag. */
export const BOOLEAN_INPUTS: ReadonlySet<InputName> = new Set(
  CLI_INPUTS.filter((name) => INPUT_DEFAULTS[name] === 'true' || INPUT_DEFAULTS[name] === 'false'),
);

export const ENV_PREFIX = 'CLOUDRUN_';

export const flagOf = (name: InputName): string => `--${name.replaceAll('_', '-')}`;
export const envVarOf = (name: InputName): string => `${ENV_PREFIX}${name.toUpperCase()}`;

/** `env-id`, `env_id` and `ENV_ID` all name the input env_id; undefined for anything else. */
export function inputNamed(text: string): InputName | undefined {
  const name = text.toLowerCase().replaceAll('-', '_');
  return (CLI_INPUTS as string[]).includes(name) ? (name as InputName) : undefined;
}

/** The input whose name is closest to a mistyped one, if any is close enough to be the intent. */
export function closestInput(text: string): InputName | undefined {
  return closestName(text.toLowerCase().replaceAll('-', '_'), CLI_INPUTS);
}
