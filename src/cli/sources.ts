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

/**
 * An env file (KEY=VALUE, quotes, comments) of CLOUDRUN_ENV_ID=… or env_id=… lines. A key that is
 * not an input, a key given twice and a line that is not KEY=VALUE are errors; a UTF-8 BOM is
 * ignored; an unquoted `#` starts a comment, so a value cut by one gets a warning.
 */
export function inputsFromEnvFile(text: string, file: string): { inputs: Inputs; warnings: string[] } {
  const body = text.replace(/^\uFEFF/, '');
  const { problems, warnings } = checkEnvLines(body, file);
  const inputs: Inputs = {};
  for (const [key, value] of Object.entries(parseEnv(body))) {
    const prefixed = key.startsWith(ENV_PREFIX);
    const name = inputNamed(prefixed ? key.slice(ENV_PREFIX.length) : key);
    if (name && (key === envVarOf(name) || key === name)) {
      if (name in inputs) problems.push(`${file}: ${name} is given twice (${envVarOf(name)} and ${name})`);
      inputs[name] = value;
    } else problems.push(`${file}: ${key} is not an input${suggestion(key, prefixed ? envVarOf : (n) => n)}`);
  }
  if (problems.length) throw new UsageError(problems.join('\n'));
  return { inputs, warnings };
}

const ENV_LINE = /^(?:export\s+)?([A-Za-z_][\w.-]*)\s*=\s*(.*)$/;

/** What parseEnv passes over in silence: lines it cannot read, repeated keys, values cut at `#`. */
function checkEnvLines(text: string, file: string): { problems: string[]; warnings: string[] } {
  const problems: string[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  let openQuote: string | undefined;
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    const where = `${file}:${index + 1}`;
    if (openQuote) {
      if (line.includes(openQuote)) openQuote = undefined;
      continue;
    }
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const match = trimmed.match(ENV_LINE);
    if (!match) {
      problems.push(`${where}: not a KEY=value line${/^[A-Za-z_]\w*\s*:/.test(trimmed) ? ' (KEY: value is YAML; write KEY=value)' : ''}`);
      continue;
    }
    const [, key, value] = match;
    if (seen.has(key)) problems.push(`${where}: ${key} is given twice`);
    seen.add(key);
    const quote = /^["'`]/.exec(value)?.[0];
    if (quote) {
      if (!value.slice(1).includes(quote)) openQuote = quote;
    } else if (/\S#/.test(value)) {
      warnings.push(`${where}: the value of ${key} is cut at "#" (an unquoted # starts a comment); quote the value if the # belongs to it`);
    }
  }
  return { problems, warnings };
}

function suggestion(key: string, spell: (name: InputName) => string): string {
  const closest = closestInput(key.startsWith(ENV_PREFIX) ? key.slice(ENV_PREFIX.length) : key);
  return closest ? ` (did you mean ${spell(closest)}?)` : '';
}
