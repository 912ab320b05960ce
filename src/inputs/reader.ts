import { InputError } from '../errors.ts';
import { INPUT_DEFAULTS, type InputName } from './names.ts';
import { t } from '../messages/messages.ts';

/** Returns an input's raw value; in the action the INPUT_* variable, in tests a plain map. */
export type InputGetter = (name: InputName) => string;

/**
 * Reads inputs through the pure parsers and collects every problem, each naming its input,
 * so that all of them are reported together before any API call.
 */
export class InputReader {
  readonly #get: InputGetter;
  readonly #problems: string[] = [];

  constructor(get: InputGetter) {
    this.#get = get;
  }

  /** The trimmed value, or the documented default when the input is empty. */
  text(name: InputName): string {
    return this.#get(name).trim() || INPUT_DEFAULTS[name];
  }

  has(name: InputName): boolean {
    return this.#get(name).trim() !== '';
  }

  /** The value; a problem when it is empty and has no default, as `operation` needs it. */
  required(name: InputName, operation: string): string {
    const value = this.text(name);
    if (!value) this.problem(name, t('input.required_for', { operation }));
    return value;
  }

  /** Parses the value (or the default); undefined when both are empty or the value is invalid. */
  parse<T>(name: InputName, parser: (raw: string) => T): T | undefined {
    const raw = this.text(name);
    if (!raw) return undefined;
    try {
      return parser(raw);
    } catch (err) {
      this.problem(name, (err as Error).message);
      return undefined;
    }
  }

  /**
   * An input that has a default: its value parsed, or when the value is invalid (a problem, so
   * finish() throws) the default's. The default is written once, in src/inputs/names.ts.
   */
  value<T>(name: InputName, parser: (raw: string) => T): T {
    return this.parse(name, parser) ?? parser(INPUT_DEFAULTS[name]);
  }

  problem(name: InputName, message: string): void {
    this.#problems.push(t('input.problem', { name, message }));
  }

  /** Throws an InputError listing every problem, or returns the finished value. */
  finish<T>(value: T): T {
    if (this.#problems.length) throw new InputError(this.#problems);
    return value;
  }
}
