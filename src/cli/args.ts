// The command line, parsed with Node's built-in util.parseArgs: it ships and is maintained with
// Node itself, so the CLI needs no argument-parsing dependency to bundle, audit or update.
import { parseArgs } from 'node:util';
import { OPERATIONS, unknownOperation, type InputName } from '../inputs/names.ts';
import { parseBoolean } from '../inputs/parsers.ts';
import { BOOLEAN_INPUTS, CLI_INPUTS, UsageError, closestInput, flagOf, inputNamed } from './names.ts';

export interface CliArgs {
  readonly help: boolean;
  readonly operation: string;
  /** Inputs given as flags, by input name; the last of repeated flags wins. */
  readonly flags: Partial<Record<InputName, string>>;
  readonly json: boolean;
  readonly verbose: boolean;
  readonly inputsFile: string | undefined;
  /** The file came as --env-file, the old name: a missing one stops Node itself before the command runs. */
  readonly oldFileFlag: boolean;
}

type Options = Record<string, { type: 'string' | 'boolean'; short?: string }>;

const OWN_OPTIONS: Options = {
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  'inputs-file': { type: 'string' },
  // The old name of --inputs-file. Node reads every --env-file argument itself, even one meant for
  // the script (nodejs/node#54232): an existing file works, a missing one exits 9 before we run.
  'env-file': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

// Each input as --env-id and --env_id. Booleans are strings too: --dry-run=false must work.
const OPTIONS: Options = { ...OWN_OPTIONS };
for (const name of CLI_INPUTS) {
  OPTIONS[name] = { type: 'string' };
  OPTIONS[flagOf(name).slice(2)] = { type: 'string' };
}

/** Throws a UsageError for anything the command cannot run with, unknown flags first. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const args = withBareBooleans(argv);
  const { tokens: loose } = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: false, tokens: true });
  const none = { operation: '', flags: {}, json: false, verbose: false, inputsFile: undefined, oldFileFlag: false };
  if (loose.some((t) => t.kind === 'option' && t.name === 'help')) {
    // `cloudrun-release deploy --help`: the help of that operation.
    const [first] = loose.flatMap((t) => (t.kind === 'positional' ? [t.value] : []));
    return { ...none, help: true, operation: (OPERATIONS as readonly string[]).includes(first) ? first : '' };
  }
  for (const token of loose) if (token.kind === 'option' && !(token.name in OPTIONS)) throw new UsageError(unknownOption(token.rawName));

  let tokens;
  try {
    ({ tokens } = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true, tokens: true }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const flags: Partial<Record<InputName, string>> = {};
  const positionals: string[] = [];
  let json = false;
  let verbose = false;
  let inputsFile: string | undefined;
  let oldFileFlag = false;
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    if (token.name === 'json') json = true;
    else if (token.name === 'verbose') verbose = true;
    else if (token.name === 'inputs-file' || token.name === 'env-file') {
      inputsFile = token.value;
      oldFileFlag = token.name === 'env-file';
    } else flags[inputNamed(token.name)!] = token.value!;
  }
  if (positionals.length === 0) throw new UsageError(`give the operation first: one of ${OPERATIONS.join(', ')}`);
  if (positionals.length > 1)
    throw new UsageError(`unexpected argument "${positionals[1]}": give one operation, then --name value options`);
  const operation = positionals[0];
  if (!(OPERATIONS as readonly string[]).includes(operation))
    throw new UsageError(`operation: ${unknownOperation(operation)}; expected one of ${OPERATIONS.join(', ')}`);
  return { help: false, operation, flags, json, verbose, inputsFile, oldFileFlag };
}

function unknownOption(raw: string): string {
  if (raw.replace(/^-+/, '') === 'operation')
    return `${raw} is not an option: the operation is the first argument, as in "cloudrun-release deploy …"`;
  const closest = closestInput(raw.replace(/^-+/, ''));
  return `unknown option ${raw}${closest ? ` (did you mean ${flagOf(closest)}?)` : ''}`;
}

/** A boolean input given without a value (`--dry-run`, not `--dry-run false`) means true. */
function withBareBooleans(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') return [...out, ...argv.slice(i)];
    const name = arg.startsWith('--') && !arg.includes('=') ? inputNamed(arg.slice(2)) : undefined;
    out.push(name && BOOLEAN_INPUTS.has(name) && !isBooleanWord(argv[i + 1]) ? `${arg}=true` : arg);
  }
  return out;
}

function isBooleanWord(text: string | undefined): boolean {
  try {
    return text !== undefined && (parseBoolean(text), true);
  } catch {
    return false;
  }
}
