// What an operation needs from wherever it runs: the GitHub Actions runner, or a terminal (the
// CLI). Operations never talk to a host directly: src/log.ts and src/report.ts are its only
// callers, and they make every text safe (secrets removed, no line breaks or control characters
// that could forge a command) before a host sees it.
import { currentScope } from '../job-scope.ts';

export interface Host {
  /** One line of log text. */
  info(line: string): void;
  /** A warning or error of one or more lines. */
  warning(text: string): void;
  error(text: string): void;
  debug(text: string): void;
  /** Whether debug text is shown: when it is not, log.debug does not even build it. */
  readonly debugging: boolean;
  startGroup(name: string): void;
  endGroup(): void;
  /** Hides this value wherever the host itself shows text (the runner's log mask). */
  mask(secret: string): void;
  setOutput(name: string, value: string): void;
  appendSummary(markdown: string): void;
  /** Keeps a value for the action's post step (the runner's GITHUB_STATE); '' forgets it. */
  saveState(name: string, value: string): void;
  /** Whether the summary is shown as rendered markdown (charts and all), not as its source. */
  readonly rendersMarkdown: boolean;
  /** Whether a cleanup's whole result is kept in a report file (RUNNER_TEMP) for later steps. */
  readonly keepsReportFiles: boolean;
  /** How far a long run has come; the host decides how often to show it. */
  progress(text: string, done: number, total: number): void;
}

/** The host of code that runs outside a job (unit tests, the command's own messages); a job brings its own. */
export function useHost(host: Host): void {
  currentScope().host = host;
}

/** The host of the job running now. */
export function host(): Host {
  const current = currentScope().host;
  if (!current) throw new Error('no host: run a job (src/job.ts) or call useHost() first');
  return current;
}
