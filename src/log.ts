import * as runner from './runner.ts';
import { redact } from './secrets.ts';

// Every line the action logs goes through here. Secrets are removed (the runner masks registered
// ones too, but only in what it shows), and text that came from the inputs or a platform answer
// cannot issue a workflow command: the runner reads one from any stdout line that starts with "::"
// after leading whitespace. runner.warning and runner.debug are commands themselves, whose data
// is escaped; only runner.info writes lines as they are.

export function info(text: string): void {
  runner.info(neutralise(redact(text)));
}

export function warning(text: string): void {
  runner.warning(redact(text));
}

export function debug(text: string): void {
  runner.debug(redact(text));
}

/** Each line that the runner would read as a command gets a prefix, so it is shown as text. */
export function neutralise(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => (/^\s*::/.test(line) ? `| ${line}` : line))
    .join('\n');
}
