// The action's workflow commands (`::error::…` lines on stdout), turned into what a person reads
// in a terminal or another CI system's log, the way the GitHub runner would show them.

const COMMAND = /^::([a-z-]+)(?: [^:]*)?::(.*)$/;

/** Undoes @actions/core's escaping of command data: %25, %0D and %0A. */
export function decodeCommandData(data: string): string {
  return data.replace(/%(25|0D|0A)/g, (_, code: string) => ({ '25': '%', '0D': '\r', '0A': '\n' })[code]!);
}

export class CommandTranslator {
  /** The messages of the `::error::` commands, masked: why the run failed. */
  readonly errors: string[] = [];
  readonly #verbose: boolean;
  readonly #masks: string[] = [];

  constructor(verbose: boolean) {
    this.#verbose = verbose;
  }

  /** The line to show for one line of the action's output, or undefined to show nothing. */
  translate(line: string): string | undefined {
    const match = line.match(COMMAND);
    if (!match) return this.mask(line);
    const [, command, data] = match;
    const text = this.mask(decodeCommandData(data));
    switch (command) {
      case 'add-mask':
        // Like the runner: the value is hidden from every later line, the command itself is not shown.
        this.#addMask(decodeCommandData(data));
        return undefined;
      case 'group':
        return `== ${text}`;
      case 'endgroup':
        return undefined;
      case 'debug':
        return this.#verbose ? `debug: ${text}` : undefined;
      case 'error':
        this.errors.push(text);
        return `error: ${text}`;
      case 'warning':
      case 'notice':
        return `${command}: ${text}`;
      default:
        return this.mask(line);
    }
  }

  #addMask(secret: string): void {
    if (!secret.trim() || this.#masks.includes(secret)) return;
    this.#masks.push(secret);
    this.#masks.sort((a, b) => b.length - a.length); // a longer secret first, so no part of it is left
  }

  /** The text with every secret registered so far replaced by ***. */
  mask(text: string): string {
    return this.#masks.reduce((out, secret) => out.replaceAll(secret, '***'), text);
  }
}
