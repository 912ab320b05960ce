import { quoted } from '../errors.ts';
import { VERSION_NAME } from '../wechat/shapes.ts';
import { t } from '../messages/messages.ts';

// Pure parsers for action inputs. Each takes the raw string and throws an Error whose message says
// what is wrong; the input reader adds the input's name.

const BOOLEANS: Record<string, boolean> = {
  true: true,
  yes: true,
  on: true,
  '1': true,
  false: false,
  no: false,
  off: false,
  '0': false,
};

export function parseBoolean(raw: string): boolean {
  const value = BOOLEANS[raw.trim().toLowerCase()];
  if (value === undefined) throw new Error(t('input.boolean', { got: raw }));
  return value;
}

export function parseInteger(raw: string, min: number, max: number): number {
  const text = raw.trim();
  if (!/^-?\d+$/.test(text)) throw new Error(t('input.integer', { got: raw }));
  const value = Number(text);
  if (value < min || value > max) throw new Error(t('input.between_got', { min, max, got: value }));
  return value;
}

/** A plain decimal such as "0.25" or "2", for the platform's size fields sent as strings. */
export function parseDecimal(raw: string, min: number, max: number): string {
  const text = raw.trim();
  if (!/^\d+(\.\d+)?$/.test(text)) throw new Error(t('input.decimal', { got: raw }));
  const value = Number(text);
  if (value < min || value > max) throw new Error(t('input.between_got', { min, max, got: text }));
  return text;
}

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** "90s", "1h30m", "7d", "2w" → milliseconds. A bare number is rejected: the unit is not guessable. */
export function parseDuration(raw: string): number {
  const text = raw.trim().toLowerCase();
  const parts = text.match(/\d+(?:ms|s|m|h|d|w)/g);
  if (!text || !parts || parts.join('') !== text) {
    throw new Error(t('input.duration', { got: raw }));
  }
  const ms = parts.reduce((total, part) => {
    const [, amount, unit] = part.match(/^(\d+)(\D+)$/)!;
    return total + Number(amount) * UNIT_MS[unit];
  }, 0);
  // Past this, arithmetic on the value loses precision or becomes Infinity.
  if (!Number.isSafeInteger(ms)) throw new Error(t('input.duration_too_long', { got: raw.slice(0, 40) }));
  return ms;
}

/** A duration between two bounds, themselves written as durations ("10ms", "6h"). */
export function parseDurationWithin(raw: string, min: string, max: string): number {
  const ms = parseDuration(raw);
  if (ms < parseDuration(min) || ms > parseDuration(max)) throw new Error(t('input.between', { min, max }));
  return ms;
}

/** Items separated by newlines, commas or spaces; blanks dropped, duplicates removed, order kept. */
export function parseList(raw: string): string[] {
  return [...new Set(raw.split(/[\s,]+/).filter(Boolean))];
}

/** `KEY=VALUE` lines, or a JSON object of strings. Errors name keys and lines, never values: they are secrets. */
export function parseKeyValues(raw: string): Record<string, string> {
  const text = raw.trim();
  if (text.startsWith('{')) {
    const parsed = parseJsonObject(text);
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
        throw new Error(t('input.env_value_type', { key: quoted(key, 60) }));
      }
    }
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
  }
  const result = new Map<string, string>();
  for (const { line, key, value } of assignments(text)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error(t('input.env_line', { line }));
    if (RESERVED_KEYS.has(key)) throw new Error(t('input.line_problem', { line, problem: reservedKey(key) }));
    if (result.has(key)) throw new Error(t('input.key_twice', { key }));
    result.set(key, value);
  }
  return Object.fromEntries(result);
}

/** The `KEY=VALUE` lines of a text, numbered as written; blank lines and `#` comments are skipped. */
function assignments(text: string): { line: number; key: string; value: string }[] {
  return text.split(/\r?\n/).flatMap((line, index) => {
    if (!line.trim() || line.trim().startsWith('#')) return [];
    const eq = line.indexOf('=');
    return [{ line: index + 1, key: eq > 0 ? line.slice(0, eq).trim() : '', value: eq > 0 ? line.slice(eq + 1) : '' }];
  });
}

/** JSON inputs hold a few settings: anything larger is a mistake, and would be sent as it is. */
export const MAX_JSON_CHARS = 65_536;

/** Deeper nesting than any option needs; the cap keeps a hostile input from exhausting the stack. */
export const MAX_JSON_DEPTH = 32;

/**
 * A JSON object. Errors give the line and column, never the text: a JSON input may hold a password
 * the mask does not cover in part (a fragment of a secret is not the secret).
 */
export function parseJsonObject(raw: string): Record<string, unknown> {
  if (raw.length > MAX_JSON_CHARS) throw new Error(t('input.json_too_long', { length: raw.length, max: MAX_JSON_CHARS }));
  const problem = checkJson(raw);
  if (problem) {
    const before = raw.slice(0, problem.at).split(/\r\n|\r|\n/);
    throw new Error(t('input.json_at', { what: problem.what, line: before.length, column: before.at(-1)!.length + 1 }));
  }
  const parsed: unknown = JSON.parse(raw);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(t('input.json_object'));
  }
  return parsed as Record<string, unknown>;
}

// Keys that name JavaScript's own machinery: as option keys they can only be a mistake or an attack.
const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
const reservedKey = (key: string) => t('input.json_reserved_key', { key });

// eslint-disable-next-line no-control-regex -- JSON strings may not hold raw control characters
const JSON_STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const JSON_NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const JSON_LITERAL = /true|false|null/y;
const JSON_SPACE = /[ \t\n\r]*/y;

/**
 * The first problem in a JSON text, with its position, or undefined when JSON.parse will accept
 * it and every number is finite, every key allowed and no value nested deeper than MAX_JSON_DEPTH.
 * A loop over tokens with an explicit stack: no input can overflow the call stack.
 */
function checkJson(text: string): { at: number; what: string } | undefined {
  const open: string[] = [];
  // The keys of each open object: JSON.parse keeps the last of two equal keys without a word.
  const keys: Set<string>[] = [];
  // What may come next: a value (or "]" right after "["), an object key (or "}" right after "{"),
  // a colon, or what follows a value.
  let expect: 'value' | 'first-value' | 'key' | 'first-key' | 'colon' | 'after' = 'value';
  let at = 0;
  const token = (re: RegExp): string | undefined => {
    re.lastIndex = at;
    const match = re.exec(text);
    return match ? match[0] : undefined;
  };
  for (;;) {
    at += token(JSON_SPACE)!.length;
    if (at === text.length) return expect === 'after' && !open.length ? undefined : { at, what: t('input.json_ends_early') };
    const c = text[at];
    if (expect === 'after') {
      const closer = open.at(-1) === '{' ? '}' : ']';
      if (!open.length) return { at, what: t('input.json_after_end') };
      if (c === ',') [expect, at] = [open.at(-1) === '{' ? 'key' : 'value', at + 1];
      else if (c === closer) {
        close(open, keys);
        at += 1;
      } else return { at, what: t('input.json_expected_comma', { closer }) };
      continue;
    }
    if (expect === 'colon') {
      if (c !== ':') return { at, what: t('input.json_expected_colon') };
      [expect, at] = ['value', at + 1];
      continue;
    }
    if ((expect === 'first-key' && c === '}') || (expect === 'first-value' && c === ']')) {
      close(open, keys);
      [expect, at] = ['after', at + 1];
      continue;
    }
    if (expect === 'first-key' || expect === 'key') {
      const key = c === '"' ? token(JSON_STRING) : undefined;
      if (key === undefined) return { at, what: t('input.json_expected_key') };
      const name = JSON.parse(key) as string;
      if (RESERVED_KEYS.has(name)) return { at, what: reservedKey(name) };
      if (keys.at(-1)!.has(name)) return { at, what: t('input.json_key_twice', { key: quoted(name, 60) }) };
      keys.at(-1)!.add(name);
      [expect, at] = ['colon', at + key.length];
      continue;
    }
    if (c === '{' || c === '[') {
      if (open.length === MAX_JSON_DEPTH) return { at, what: t('input.json_too_deep', { depth: MAX_JSON_DEPTH }) };
      open.push(c);
      if (c === '{') keys.push(new Set());
      [expect, at] = [c === '{' ? 'first-key' : 'first-value', at + 1];
      continue;
    }
    const value = c === '"' ? token(JSON_STRING) : (token(JSON_NUMBER) ?? token(JSON_LITERAL));
    if (value === undefined) {
      return { at, what: c === '"' ? t('input.json_bad_string') : t('input.json_expected_value') };
    }
    if (c !== '"' && value !== 'true' && value !== 'false' && value !== 'null' && !Number.isFinite(Number(value))) {
      return { at, what: t('input.json_number_too_large') };
    }
    [expect, at] = ['after', at + value.length];
  }
}

/** Closes the innermost open object or array. */
function close(open: string[], keys: Set<string>[]): void {
  if (open.pop() === '{') keys.pop();
}

export type FieldType = 'string' | 'number' | 'boolean' | 'object' | 'array';

/** Checks a JSON object against field types; unknown keys and wrong types are named. */
export function checkFields(value: Record<string, unknown>, schema: Readonly<Record<string, FieldType>>): void {
  const problems: string[] = [];
  for (const [key, field] of Object.entries(value)) {
    const expected = Object.hasOwn(schema, key) ? schema[key] : undefined;
    if (!expected) {
      problems.push(t('input.json_unknown_key', { key: quoted(key, 60), allowed: Object.keys(schema).join(', ') }));
      continue;
    }
    const actual = Array.isArray(field) ? 'array' : field === null ? 'null' : typeof field;
    if (actual !== expected)
      problems.push(
        t(/^[aeiou]/.test(expected) ? 'input.json_field_an' : 'input.json_field_type', { key: quoted(key, 60), expected, actual }),
      );
  }
  if (problems.length > 5) problems.splice(5, Infinity, t('input.and_more', { count: problems.length - 5 }));
  if (problems.length) throw new Error(problems.join('; '));
}

/** "10,50,100": increasing traffic percentages, each above 0; a single value may be 0 to 100. */
export function parseTrafficSteps(raw: string): number[] {
  const parts = raw.split(',').map((part) => part.trim());
  if (parts.length === 1) return [parseInteger(parts[0], 0, 100)];
  const steps = parts.map((part) => parseInteger(part, 1, 100));
  for (let i = 1; i < steps.length; i++) {
    if (steps[i] <= steps[i - 1]) throw new Error(t('input.steps_increase', { before: steps[i - 1], after: steps[i] }));
  }
  return steps;
}

/** A version name such as shop-api-003. */
export function parseVersionName(raw: string): string {
  if (!VERSION_NAME.test(raw)) throw new Error(t('input.not_version_name', { name: quoted(raw, 60) }));
  return raw;
}

/** `VERSION=PERCENT` lines, or a JSON object of version → percent; the shares must add up to 100. */
export function parseTrafficSplit(raw: string): Record<string, number> {
  const text = raw.trim();
  const entries: [string, string][] = text.startsWith('{')
    ? Object.entries(parseJsonObject(text)).map(([name, value]) => {
        if (typeof value !== 'number') throw new Error(t('input.share_number', { name: quoted(name, 60) }));
        return [name, String(value)];
      })
    : assignments(text).map(({ line, key, value }) => {
        if (!key) throw new Error(t('input.split_line', { line }));
        return [key, value.trim()];
      });
  const split = new Map<string, number>();
  for (const [name, share] of entries) {
    parseVersionName(name);
    if (split.has(name)) throw new Error(t('input.given_twice', { name: quoted(name, 60) }));
    try {
      split.set(name, parseInteger(share, 0, 100));
    } catch (err) {
      throw new Error(t('input.share_problem', { name: quoted(name, 60), problem: (err as Error).message }), { cause: err });
    }
  }
  const total = [...split.values()].reduce((a, b) => a + b, 0);
  if (total !== 100) throw new Error(t('input.shares_total', { total }));
  return Object.fromEntries(split);
}
