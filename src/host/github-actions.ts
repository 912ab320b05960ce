import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { EOL } from 'node:os';
import type { Host } from './host.ts';
import { ProgressThrottle } from './progress.ts';

// The GitHub Actions runner, spoken to in its documented formats, which @actions/core also
// writes: workflow commands on stdout and the GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files
// (docs.github.com: "Workflow commands for GitHub Actions"). Written here rather than imported
// because @actions/core's index also loads an HTTP client (OIDC) that tripled the cold start.

export class GithubActionsHost implements Host {
  readonly #env: NodeJS.ProcessEnv;
  readonly #write: (text: string) => void;
  readonly #throttle = new ProgressThrottle();
  /** RUNNER_DEBUG=1 is how the runner says step debug logging is on; otherwise it hides ::debug::. */
  readonly debugging: boolean;
  readonly rendersMarkdown = true;
  readonly keepsReportFiles = true;

  /** write: where the runner reads the step's log (stdout; the test suite gives its own). */
  constructor(env: NodeJS.ProcessEnv = process.env, write: (text: string) => void = (text) => void process.stdout.write(text)) {
    this.#env = env;
    this.#write = write;
    this.debugging = env.RUNNER_DEBUG === '1';
  }

  info(line: string): void {
    this.#write(`${line}${EOL}`);
  }

  /** `::name::data`, with data escaped as the runner expects, so it cannot end the command early. */
  #command(name: string, data: string): void {
    const escaped = data.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
    this.#write(`::${name}::${escaped}${EOL}`);
  }

  warning(text: string): void {
    this.#command('warning', text);
  }

  error(text: string): void {
    this.#command('error', text);
  }

  debug(text: string): void {
    this.#command('debug', text);
  }

  startGroup(name: string): void {
    this.#command('group', name);
  }

  endGroup(): void {
    this.#command('endgroup', '');
  }

  mask(secret: string): void {
    // The runner masks each line of a multi-line value separately, and would not mask the whole.
    for (const line of secret.split(/\r?\n/)) if (line.trim()) this.#command('add-mask', line);
  }

  /** `name<<delimiter` blocks in the GITHUB_OUTPUT file; the delimiter is random, so no value can end it. */
  setOutput(name: string, value: string): void {
    appendBlock(this.#env.GITHUB_OUTPUT, name, value);
  }

  /** The same blocks in the GITHUB_STATE file: the post step gets them as STATE_<name>, however this step ended. */
  saveState(name: string, value: string): void {
    appendBlock(this.#env.GITHUB_STATE, name, value);
  }

  appendSummary(markdown: string): void {
    const file = this.#env.GITHUB_STEP_SUMMARY;
    if (file) appendFileSync(file, markdown);
  }

  progress(text: string, done: number, total: number): void {
    if (this.#throttle.due(done, total)) this.info(text);
  }
}

function appendBlock(file: string | undefined, name: string, value: string): void {
  if (!file) return;
  const delimiter = `ghadelimiter_${randomUUID()}`;
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`);
}

/** An input as the runner passes it: INPUT_<NAME>, trimmed. */
export function actionInput(name: string, env: NodeJS.ProcessEnv): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}
