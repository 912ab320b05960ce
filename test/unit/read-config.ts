// readConfig over a plain map of inputs, for the tests of each operation's input reading.
import { InputError } from '../../src/errors.ts';
import { readConfig, type Config } from '../../src/inputs/config.ts';
import type { InputName } from '../../src/inputs/names.ts';
import type { RunContext } from '../../src/run-context.ts';

export type Inputs = Partial<Record<InputName, string>>;

const NO_RUN: RunContext = { repository: '', sha: '', runNumber: '', runUrl: '' };

export function readInputs(inputs: Inputs, context: RunContext = NO_RUN): Config {
  return readConfig((name) => inputs[name] ?? '', context);
}

/** The problems reading these inputs reports; fails the test when there are none. */
export function inputProblems(inputs: Inputs, context: RunContext = NO_RUN): readonly string[] {
  try {
    readInputs(inputs, context);
  } catch (err) {
    if (err instanceof InputError) return err.problems;
    throw err;
  }
  throw new Error('expected an InputError');
}
