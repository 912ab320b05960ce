// cloudrun-release: the action as a command for other CI systems and terminals. It runs the same
// job as the action, in this process, on a terminal host (src/host/terminal.ts) instead of the
// GitHub runner: every validation, retry and safety rule is the action's own. This file only maps
// the command line to inputs and prints the result.
import { readFile } from 'node:fs/promises';
import { useHost } from '../host/host.ts';
import { TerminalHost } from '../host/terminal.ts';
import { SECRET_INPUTS, type Operation } from '../inputs/names.ts';
import { runJob } from '../job.ts';
import { cancelOnSignals, EXIT_CODES, stoppedBy } from '../signals.ts';
import * as log from '../log.ts';
import { parseCliArgs, type CliArgs } from './args.ts';
import { inCommandTerms } from './command-terms.ts';
import { helpText } from './help.ts';
import { UsageError, envVarOf, flagOf } from './names.ts';
import { inputsFromEnv, inputsFromEnvFile, localeLanguage, mergeInputs, type Inputs } from './sources.ts';
import { parseLanguage, t, useLanguage, type Language } from '../messages/messages.ts';

async function main(argv: readonly string[]): Promise<number> {
  let args: CliArgs;
  let inputs: Inputs;
  const warnings: string[] = [];
  try {
    args = parseCliArgs(argv);
    if (args.help) {
      process.stdout.write(helpText((args.operation as Operation) || undefined));
      return 0;
    }
    const fromFile = args.inputsFile
      ? inputsFromEnvFile(await readInputsFile(args.inputsFile), args.inputsFile)
      : { inputs: {}, warnings: [] };
    if (args.oldFileFlag) warnings.push(OLD_FILE_FLAG);
    const fromEnv = inputsFromEnv(process.env);
    warnings.push(...fromFile.warnings, ...fromEnv.warnings);
    for (const name of SECRET_INPUTS) {
      if (args.flags[name]?.trim())
        warnings.push(`${flagOf(name)} on the command line shows in the process list and shell history; set ${envVarOf(name)} instead`);
    }
    inputs = mergeInputs(fromFile.inputs, fromEnv.inputs, args.flags);
    inputs.language ??= localeLanguage(process.env);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`error: ${err.message}\nRun cloudrun-release --help for usage.\n`);
    return 2;
  }

  // With --json, stdout carries only the result, so `| jq` works; the log goes to stderr.
  const host = new CommandHost({ stream: args.json ? process.stderr : process.stdout, verbose: args.verbose });
  useHost(host);
  // What the command says itself after the job (its summary and outputs headings), in the job's language.
  useLanguage(languageOf(inputs));
  const cancel = cancelOnSignals({ onRepeat: (signal) => process.exit(EXIT_CODES[signal]) });
  for (const warning of warnings) log.warning(warning);
  const succeeded = await runJob((name) => (name === 'operation' ? args.operation : (inputs[name] ?? '')), host, process.env, {
    cancel,
    timeScale: globalThis.cloudrunTestTimeScale,
  });
  if (host.summary.trim()) {
    // The job summary (the plan on a dry run, the tables) has no page outside GitHub: print it.
    log.info(`== ${t('run.summary_heading')}\n${host.summary.trimEnd()}`);
  }
  // Stopped by a signal: the conventional code, once the job has said what it did.
  const signal = stoppedBy(cancel);
  const code = signal ? EXIT_CODES[signal] : succeeded ? 0 : 1;
  if (args.json) {
    const error = host.errors.join('\n');
    const result = {
      operation: args.operation,
      success: succeeded,
      exit_code: code,
      outputs: host.outputs,
      ...(succeeded ? {} : { error }),
    };
    process.stdout.write(`${host.masked(JSON.stringify(result, null, 2))}\n`);
  } else if (Object.keys(host.outputs).length) {
    log.info(
      `== ${t('run.outputs_heading')}\n${Object.entries(host.outputs)
        .map(([name, value]) => `${name}=${shortened(value)}`)
        .join('\n')}`,
    );
  }
  return code;
}

/** The terminal host, speaking the command's words: hints name flags, not action inputs. */
class CommandHost extends TerminalHost {
  override warning(text: string): void {
    super.warning(inCommandTerms(text));
  }

  override error(text: string): void {
    super.error(inCommandTerms(text));
  }
}

/** An output as a person reads it: a long list is cut here; --json and the report file have it whole. */
function shortened(value: string): string {
  return value.length > 240 ? `${value.slice(0, 200)}${t('run.output_shortened', { length: value.length })}` : value;
}

/** The language input as the job reads it; English when it is not one (the job says why). */
function languageOf(inputs: Inputs): Language {
  try {
    return parseLanguage(inputs.language ?? 'en');
  } catch {
    return 'en';
  }
}

const OLD_FILE_FLAG =
  '--env-file is now --inputs-file: Node reads an --env-file argument itself and stops with its own error (exit code 9) when the file is missing';

async function readInputsFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read the inputs file: ${(err as Error).message}`);
  }
}

// A closed stdout or stderr (`| head`) must not end the work: what is lost is only text.
process.stdout.on('error', () => {});
process.stderr.on('error', () => {});
process.exitCode = await main(process.argv.slice(2));
