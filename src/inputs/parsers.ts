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
  if (value === undefined) throw new Error(`expected true or false, got "${raw}"`);
  return value;
}

export function parseInteger(raw: string, min: number, max: number): number {
  const text = raw.trim();
  if (!/^-?\d+$/.test(text)) throw new Error(`expected a whole number, got "${raw}"`);
  const value = Number(text);
  if (value < min || value > max) throw new Error(`must be between ${min} and ${max}, got ${value}`);
  return value;
}

/** A plain decimal such as "0.25" or "2", for the platform's size fields sent as strings. */
export function parseDecimal(raw: string, min: number, max: number): string {
  const text = raw.trim();
  if (!/^\d+(\.\d+)?$/.test(text)) throw new Error(`expected a number such as 0.5, got "${raw}"`);
  const value = Number(text);
  if (value < min || value > max) throw new Error(`must be between ${min} and ${max}, got ${text}`);
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
    throw new Error(`expected a duration such as 30s, 10m, 12h, 7d or 2w, got "${raw}"`);
  }
  const ms = parts.reduce((total, part) => {
    const [, amount, unit] = part.match(/^(\d+)(\D+)$/)!;
    return total + Number(amount) * UNIT_MS[unit];
  }, 0);
  // Past this, arithmetic on the value loses precision or becomes Infinity.
  if (!Number.isSafeInteger(ms)) throw new Error(`"${raw.slice(0, 40)}" is too long a duration`);
  return ms;
}

/** A duration between two bounds, themselves written as durations ("10ms", "6h"). */
export function parseDurationWithin(raw: string, min: string, max: string): number {
  const ms = parseDuration(raw);
  if (ms < parseDuration(min) || ms > parseDuration(max)) throw new Error(`must be between ${min} and ${max}`);
  return ms;
}

/** Items separated by newlines, commas or spaces; blanks dropped, duplicates removed, order kept. */
export function parseList(raw: string): string[] {
  return [...new Set(raw.split(/[\s,]+/).filter(Boolean))];
}

/** `KEY=VALUE` lines, or a JSON object of strings. */
export function parseKeyValues(raw: string): Record<string, string> {
  const text = raw.trim();
  if (text.startsWith('{')) {
    const parsed = parseJsonObject(text);
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
        throw new Error(`value of "${key}" must be a string, number or boolean`);
      }
    }
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
  }
  const result: Record<string, string> = {};
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const eq = line.indexOf('=');
    const key = eq > 0 ? line.slice(0, eq).trim() : '';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
      throw new Error(`line ${index + 1} is not KEY=VALUE with a valid variable name`);
    }
    if (key in result) throw new Error(`"${key}" is set twice`);
    result[key] = line.slice(eq + 1);
  }
  return result;
}

/** JSON inputs hold a few settings: anything larger is a mistake, and would be sent as it is. */
export const MAX_JSON_CHARS = 65_536;

export function parseJsonObject(raw: string): Record<string, unknown> {
  if (raw.length > MAX_JSON_CHARS) throw new Error(`is ${raw.length} characters long; at most ${MAX_JSON_CHARS} are accepted`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (err) {
    throw new Error(`is not valid JSON (${(err as Error).message})`, { cause: err });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

export type FieldType = 'string' | 'number' | 'boolean' | 'object' | 'array';

/** Checks a JSON object against field types; unknown keys and wrong types are named. */
export function checkFields(value: Record<string, unknown>, schema: Readonly<Record<string, FieldType>>): void {
  const problems: string[] = [];
  for (const [key, field] of Object.entries(value)) {
    const expected = schema[key];
    if (!expected) {
      problems.push(`unknown key ${quote(key)} (allowed: ${Object.keys(schema).join(', ')})`);
      continue;
    }
    const actual = Array.isArray(field) ? 'array' : field === null ? 'null' : typeof field;
    if (actual !== expected) problems.push(`${quote(key)} must be ${expected === 'array' ? 'an' : 'a'} ${expected}, got ${actual}`);
  }
  if (problems.length > 5) problems.splice(5, Infinity, `and ${problems.length - 5} more`);
  if (problems.length) throw new Error(problems.join('; '));
}

/** A key as it can be shown in one line of an error message, however long or odd it is. */
function quote(key: string): string {
  return JSON.stringify(key.length > 60 ? `${key.slice(0, 60)}…` : key);
}

/** "10,50,100": increasing traffic percentages, each above 0; a single value may be 0 to 100. */
export function parseTrafficSteps(raw: string): number[] {
  const parts = raw.split(',').map((part) => part.trim());
  if (parts.length === 1) return [parseInteger(parts[0], 0, 100)];
  const steps = parts.map((part) => parseInteger(part, 1, 100));
  for (let i = 1; i < steps.length; i++) {
    if (steps[i] <= steps[i - 1]) throw new Error(`steps must increase, got ${steps[i - 1]} then ${steps[i]}`);
  }
  return steps;
}

/** A version name as the platform writes it: shop-api-003. */
export const VERSION_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** `VERSION=PERCENT` lines, or a JSON object of version → percent; the shares must add up to 100. */
export function parseTrafficSplit(raw: string): Record<string, number> {
  const text = raw.trim();
  const entries: [string, string][] = text.startsWith('{')
    ? Object.entries(parseJsonObject(text)).map(([name, value]) => {
        if (typeof value !== 'number') throw new Error(`the share of ${quote(name)} must be a number`);
        return [name, String(value)];
      })
    : text
        .split(/\r?\n/)
        .filter((line) => line.trim() && !line.trim().startsWith('#'))
        .map((line, index) => {
          const eq = line.indexOf('=');
          if (eq < 0) throw new Error(`line ${index + 1} is not VERSION=PERCENT`);
          return [line.slice(0, eq).trim(), line.slice(eq + 1).trim()];
        });
  const split: Record<string, number> = {};
  for (const [name, share] of entries) {
    if (!VERSION_NAME.test(name)) throw new Error(`${quote(name)} is not a version name such as shop-api-003`);
    if (name in split) throw new Error(`${quote(name)} is given twice`);
    try {
      split[name] = parseInteger(share, 0, 100);
    } catch (err) {
      throw new Error(`the share of ${quote(name)} ${(err as Error).message}`, { cause: err });
    }
  }
  const total = Object.values(split).reduce((a, b) => a + b, 0);
  if (total !== 100) throw new Error(`the shares must add up to 100, got ${total}`);
  return split;
}
