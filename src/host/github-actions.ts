import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { EOL } from 'node:os';
import type { Host } from './host.ts';
import { ProgressThrottle } from './progress.ts';

// The GitHub Actions runner, spoken to in its documented formats, which @actions/core also
// writes: workflow commands on stdout and the GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files
// (docs.github.com: "Workflow commands for GitHub Actions"). Written here rather than imported
// because @actions/core's index also loads an HTTP client (OIDC) that tripled the cold start.

/** `::name::data`, with data escaped as the runner expects, so it cannot end the command early. */
function command(name: string, data: string): void {
  const escaped = data.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  process.stdout.write(`::${name}::${escaped}${EOL}`);
}

export class GithubActionsHost implements Host {
  readonly #env: NodeJS.ProcessEnv;
  readonly #throttle = new ProgressThrottle();
  /** RUNNER_DEBUG=1 is how the runner says step debug logging is on; otherwise it hides ::debug::. */
  readonly debugging: boolean;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.#env = env;
    this.debugging = env.RUNNER_DEBUG === '1';
  }

  info(line: string): void {
    process.stdout.write(`${line}${EOL}`);
  }

  warning(text: string): void {
    command('warning', text);
  }

  error(text: string): void {
    command('error', text);
  }

  debug(text: string): void {
    command('debug', text);
  }

  startGroup(name: string): void {
    command('group', name);
  }

  endGroup(): void {
    command('endgroup', '');
  }

  mask(secret: string): void {
    // The runner masks each line of a multi-line value separately, and would not mask the whole.
    for (const line of secret.split(/\r?\n/)) if (line.trim()) command('add-mask', line);
  }

  /** `name<<delimiter` blocks in the GITHUB_OUTPUT file; the delimiter is random, so no value can end it. */
  setOutput(name: string, value: string): void {
    const file = this.#env.GITHUB_OUTPUT;
    if (!file) return;
    const delimiter = `ghadelimiter_${randomUUID()}`;
    appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`);
  }

  appendSummary(markdown: string): void {
    const file = this.#env.GITHUB_STEP_SUMMARY;
    if (file) appendFileSync(file, markdown);
  }

  progress(text: string, done: number, total: number): void {
    if (this.#throttle.due(done, total)) this.info(text);
  }
}

/** An input as the runner passes it: INPUT_<NAME>, trimmed. */
export function actionInput(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}
