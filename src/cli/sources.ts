// Inputs from the environment and from an env file, and how they combine with the flags.
import type { InputName } from '../inputs/names.ts';
import type { Language } from '../messages/messages.ts';
import { parseEnvFile } from './env-file.ts';
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

/**
 * An env file (src/cli/env-file.ts) of CLOUDRUN_ENV_ID=… or env_id=… lines. A key that is not an
 * input, an input given twice and anything the file's own rules refuse are errors; a value cut by
 * an unquoted `#` gets a warning.
 */
export function inputsFromEnvFile(text: string, file: string): { inputs: Inputs; warnings: string[] } {
  const { values, problems, warnings } = parseEnvFile(text, file);
  const found: string[] = [...problems];
  const inputs: Inputs = {};
  for (const [key, value] of values) {
    const prefixed = key.startsWith(ENV_PREFIX);
    const name = inputNamed(prefixed ? key.slice(ENV_PREFIX.length) : key);
    if (name && (key === envVarOf(name) || key === name)) {
      if (name in inputs) found.push(`${file}: ${name} is given twice (${envVarOf(name)} and ${name})`);
      inputs[name] = value;
    } else found.push(`${file}: ${key} is not an input${suggestion(key, prefixed ? envVarOf : (n) => n)}`);
  }
  if (found.length) throw new UsageError(found.join('\n'));
  return { inputs, warnings: [...warnings] };
}

function suggestion(key: string, spell: (name: InputName) => string): string {
  const closest = closestInput(key.startsWith(ENV_PREFIX) ? key.slice(ENV_PREFIX.length) : key);
  return closest ? ` (did you mean ${spell(closest)}?)` : '';
}

/**
 * The language a terminal's locale asks for, read when no `language` input is given: the first of
 * LC_ALL, LC_MESSAGES and LANG that is set decides, as for any program; zh_CN (zh_CN.UTF-8, zh-CN)
 * is Chinese, anything else the default.
 */
export function localeLanguage(env: NodeJS.ProcessEnv): Language | undefined {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find(Boolean);
  return locale && /^zh[_-]cn(?![a-z])/i.test(locale) ? 'zh-CN' : undefined;
}
