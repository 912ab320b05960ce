import type { Host } from './host.ts';
import { hide } from '../secrets.ts';
import { ProgressThrottle } from './progress.ts';
import { t } from '../messages/messages.ts';

// A terminal, or another CI system's log: human text, colours and a progress line that updates in
// place when the stream is a TTY. What it is given was already made safe by src/log.ts (no
// control characters, no line breaks smuggled into a line, secrets removed), so nothing from a
// platform answer can move the cursor or overwrite a line here. Outputs and the summary are kept
// for the command to print at the end.

export interface TerminalOptions {
  readonly stream: NodeJS.WritableStream & { isTTY?: boolean };
  readonly verbose: boolean;
}

const STYLE = { bold: '\x1b[1m', red: '\x1b[31m', yellow: '\x1b[33m', dim: '\x1b[2m', reset: '\x1b[0m' } as const;
const CLEAR_LINE = '\r\x1b[K';

export class TerminalHost implements Host {
  readonly outputs: Record<string, string> = {};
  /** The error messages logged: why the run failed. */
  readonly errors: string[] = [];
  summary = '';
  readonly #stream: TerminalOptions['stream'];
  readonly #verbose: boolean;
  /** A terminal: the progress line can be redrawn in place. */
  readonly #live: boolean;
  readonly #colour: boolean;
  readonly #throttle = new ProgressThrottle();
  #progressShown = false;
  readonly #masks: string[] = [];
  readonly rendersMarkdown = false;
  /** Whatever a report file would hold is in the printed outputs (--json prints them whole). */
  readonly keepsReportFiles = false;

  constructor(options: TerminalOptions) {
    this.#stream = options.stream;
    this.#verbose = options.verbose;
    this.#live = options.stream.isTTY === true;
    this.#colour = this.#live && !process.env.NO_COLOR;
  }

  info(line: string): void {
    this.#write(line);
  }

  warning(text: string): void {
    this.#write(`${this.#paint(t('run.warning_label'), 'yellow')} ${indent(text)}`);
  }

  error(text: string): void {
    this.errors.push(text);
    this.#write(`${this.#paint(t('run.error_label'), 'red')} ${indent(text)}`);
  }

  get debugging(): boolean {
    return this.#verbose;
  }

  debug(text: string): void {
    this.#write(this.#paint(`debug: ${indent(text)}`, 'dim'));
  }

  startGroup(name: string): void {
    this.#write(this.#paint(`== ${name}`, 'bold'));
  }

  endGroup(): void {}

  /**
   * What the runner would hide, this hides too, in everything it writes: each line of a value
   * (src/host/github-actions.ts), so a line of a multi-line secret shown alone goes as well. Whole
   * secrets are already gone: src/log.ts removes them before text gets here.
   */
  mask(secret: string): void {
    for (const line of secret.split(/\r?\n/)) if (line.trim() && !this.#masks.includes(line)) this.#masks.push(line);
  }

  /** The text as this terminal shows it: every masked value hidden. */
  masked(text: string): string {
    return hide(text, this.#masks);
  }

  /** A command has no post step: what it starts, it finishes before it exits. */
  saveState(): void {}

  setOutput(name: string, value: string): void {
    this.outputs[name] = value;
  }

  appendSummary(markdown: string): void {
    this.summary += markdown;
  }

  progress(text: string, done: number, total: number): void {
    if (this.#live) {
      this.#stream.write(`${CLEAR_LINE}${this.masked(text)}`);
      this.#progressShown = true;
    } else if (this.#throttle.due(done, total)) this.#write(text);
  }

  #write(text: string): void {
    if (this.#progressShown) this.#stream.write(CLEAR_LINE);
    this.#progressShown = false;
    this.#stream.write(`${this.masked(text)}\n`);
  }

  #paint(text: string, style: keyof typeof STYLE): string {
    return this.#colour ? `${STYLE[style]}${text}${STYLE.reset}` : text;
  }
}

/** The lines after the first of a multi-line message, indented under its label. */
function indent(text: string): string {
  return text.replace(/\n/g, '\n  ');
}
