#!/usr/bin/env node
// cloudrun-release: the action as a command for other CI systems. It runs the bundled action
// (dist/index.js) as a child process the way the runner does, so every validation, retry and
// safety rule is exactly the action's; this file only maps the command line to INPUT_* variables
// and the action's output back to a terminal.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { SECRET_INPUTS } from '../inputs/names.ts';
import { parseCliArgs, type CliArgs } from './args.ts';
import { CommandTranslator } from './commands.ts';
import { helpText } from './help.ts';
import { UsageError, envVarOf, flagOf } from './names.ts';
import { parseOutputFile } from './output-file.ts';
import { inputsFromEnv, inputsFromEnvFile, mergeInputs, type Inputs } from './sources.ts';

// The action bundle next to this one (dist/index.js); import.meta.dirname is the real path, also through the npm bin symlink.
const ACTION = join(import.meta.dirname, '..', 'index.js');

type Log = (line: string) => void;

async function main(argv: readonly string[]): Promise<number> {
  let args: CliArgs;
  let inputs: Inputs;
  const warnings: string[] = [];
  try {
    args = parseCliArgs(argv);
    if (args.help) {
      process.stdout.write(helpText());
      return 0;
    }
    const fromFile = args.envFile ? inputsFromEnvFile(await readEnvFile(args.envFile), args.envFile) : {};
    const fromEnv = inputsFromEnv(process.env);
    warnings.push(...fromEnv.warnings);
    for (const name of SECRET_INPUTS) {
      if (args.flags[name]?.trim())
        warnings.push(`${flagOf(name)} on the command line shows in the process list and shell history; set ${envVarOf(name)} instead`);
    }
    inputs = mergeInputs(fromFile, fromEnv.inputs, args.flags);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`error: ${err.message}\nRun cloudrun-release --help for usage.\n`);
    return 2;
  }

  // With --json, stdout carries only the result, so `| jq` works; the log goes to stderr.
  const log: Log = (line) => (args.json ? process.stderr : process.stdout).write(`${line}\n`);
  for (const warning of warnings) log(`warning: ${warning}`);
  const translator = new CommandTranslator(args.verbose);
  const { code, outputs, summary } = await runAction(args.operation, inputs, translator, log);
  if (summary.trim()) {
    // The job summary (the plan on a dry run, the tables) has no page outside GitHub: print it.
    log('== Summary');
    log(translator.mask(summary.trimEnd()));
  }
  if (args.json) {
    const failed = code !== 0;
    const error = translator.errors.join('\n') || `the action exited with code ${code}`;
    const result = { operation: args.operation, success: !failed, exit_code: code, outputs, ...(failed ? { error } : {}) };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  }
  return code;
}

async function readEnvFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read the env file: ${(err as Error).message}`);
  }
}

/** Runs dist/index.js with the inputs as INPUT_* variables and temporary output and summary files. */
async function runAction(operation: string, inputs: Inputs, translator: CommandTranslator, log: Log) {
  const dir = await mkdtemp(join(tmpdir(), 'cloudrun-release-'));
  try {
    const files = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary') };
    await Promise.all(Object.values(files).map((file) => writeFile(file, '')));
    // INPUT_* variables of an enclosing job must not leak into this run's inputs.
    const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('INPUT_')));
    Object.assign(env, files, { INPUT_OPERATION: operation });
    for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;

    const child = spawn(process.execPath, [ACTION], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const show = (stream: Readable, write: Log) =>
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
        const shown = translator.translate(line);
        if (shown !== undefined) write(shown);
      });
    show(child.stdout, log);
    show(child.stderr, (line) => process.stderr.write(`${line}\n`));
    const code = await new Promise<number>((resolve) => child.on('close', (exit) => resolve(exit ?? 1)));
    return {
      code,
      outputs: parseOutputFile(await readFile(files.GITHUB_OUTPUT, 'utf8')),
      summary: await readFile(files.GITHUB_STEP_SUMMARY, 'utf8'),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main(process.argv.slice(2));
