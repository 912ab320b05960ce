// Inputs from the environment and from an env file, and how they combine with the flags.
import { parseEnv } from 'node:util';
import type { InputName } from '../inputs/names.ts';
import { ENV_PREFIX, UsageError, closestInput, envVarOf, inputNamed } from './names.ts';

export type Inputs = Partial<Record<InputName, string>>;

/**
 * Flags win over the environment, the environment over the env file (as with `node --env-file`),
 * so a CI variable overrides a checked-in default. An empty value counts as not given, as an
 * empty input does in the action: a CI variable defined empty does not hide the file's value.
 */
export function mergeInputs(envFile: Inputs, env: Inputs, flags: Inputs): Inputs {
  const merged: Inputs = {};
  for (const source of [envFile, env, flags]) {
    for (const [name, value] of Object.entries(source) as [InputName, string][]) if (value.trim()) merged[name] = value;
  }
  return merged;
}

/**
 * The CLOUDRUN_<INPUT_NAME> variables. Other CLOUDRUN_ variables only warn: the environment is
 * shared with everything else in the job, so it is not ours to reject.
 */
export function inputsFromEnv(env: NodeJS.ProcessEnv): { inputs: Inputs; warnings: string[] } {
  const inputs: Inputs = {};
  const warnings: string[] = [];
  for (const [key, value] of Object.entries(env)) {
    if (!key.startsWith(ENV_PREFIX) || value === undefined) continue;
    const name = inputNamed(key.slice(ENV_PREFIX.length));
    if (name && key === envVarOf(name)) inputs[name] = value;
    else warnings.push(`${key} is not an input${suggestion(key, envVarOf)}; ignored`);
  }
  return { inputs, warnings };
}

/** An env file (KEY=VALUE, quotes, comments) of CLOUDRUN_ENV_ID=… or env_id=… lines; any other key is an error. */
export function inputsFromEnvFile(text: string, file: string): Inputs {
  const inputs: Inputs = {};
  const problems: string[] = [];
  // parseEnv does not keep the order of the lines, so one input on two lines is an error, not "the last wins".
  for (const [key, value] of Object.entries(parseEnv(text))) {
    const prefixed = key.startsWith(ENV_PREFIX);
    const name = inputNamed(prefixed ? key.slice(ENV_PREFIX.length) : key);
    if (name && (key === envVarOf(name) || key === name)) {
      if (name in inputs) problems.push(`${file}: ${name} is given twice (${envVarOf(name)} and ${name})`);
      inputs[name] = value;
    } else problems.push(`${file}: ${key} is not an input${suggestion(key, prefixed ? envVarOf : (n) => n)}`);
  }
  if (problems.length) throw new UsageError(problems.join('\n'));
  return inputs;
}

function suggestion(key: string, spell: (name: InputName) => string): string {
  const closest = closestInput(key.startsWith(ENV_PREFIX) ? key.slice(ENV_PREFIX.length) : key);
  return closest ? ` (did you mean ${spell(closest)}?)` : '';
}
