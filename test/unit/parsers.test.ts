import { describe, expect, it } from 'vitest';
import {
  checkFields,
  parseBoolean,
  parseDecimal,
  parseDuration,
  parseDurationWithin,
  parseInteger,
  parseJsonObject,
  parseKeyValues,
  parseTrafficSplit,
  parseTrafficSteps,
  parseList,
  MAX_JSON_DEPTH,
} from '../../src/inputs/parsers.ts';

describe('parseBoolean', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['yes', true],
    ['1', true],
    ['false', false],
    [' off ', false],
    ['0', false],
  ])('%s → %s', (raw, expected) => {
    expect(parseBoolean(raw)).toBe(expected);
  });
  it.each(['', 'maybe', 'truee'])('rejects "%s"', (raw) => expect(() => parseBoolean(raw)).toThrow('expected true or false'));
});

describe('parseInteger', () => {
  it.each([
    ['0', 0],
    [' 42 ', 42],
    ['-3', -3],
  ])('%s → %s', (raw, expected) => expect(parseInteger(raw, -10, 100)).toBe(expected));
  it.each([
    ['1.5', 'whole number'],
    ['1e3', 'whole number'],
    ['', 'whole number'],
    ['101', 'between -10 and 100'],
    ['-11', 'between'],
  ])('rejects "%s"', (raw, message) => expect(() => parseInteger(raw, -10, 100)).toThrow(message));
});

describe('parseDecimal', () => {
  it.each([
    ['0.25', '0.25'],
    ['2', '2'],
    [' 1.0 ', '1.0'],
  ])('%s → %s', (raw, expected) => expect(parseDecimal(raw, 0.01, 64)).toBe(expected));
  it.each([
    ['-1', 'expected a number'],
    ['.5', 'expected a number'],
    ['abc', 'expected a number'],
    ['65', 'between 0.01 and 64'],
    ['0', 'between'],
  ])('rejects "%s"', (raw, message) => expect(() => parseDecimal(raw, 0.01, 64)).toThrow(message));
});

describe('parseDuration', () => {
  it.each([
    ['30m', 1_800_000],
    ['12h', 43_200_000],
    ['7d', 604_800_000],
    ['2w', 1_209_600_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
    ['5S', 5_000],
  ])('%s → %s ms', (raw, expected) => expect(parseDuration(raw)).toBe(expected));
  it.each(['', '10', 'm', '1x', '1h 30m', '-5m', '1.5h'])('rejects "%s"', (raw) =>
    expect(() => parseDuration(raw)).toThrow('expected a duration'),
  );
});

describe('parseDurationWithin', () => {
  it.each([
    ['10ms', 10],
    ['6h', 21_600_000],
    ['90m', 5_400_000],
  ])('%s is within 10ms..6h', (raw, expected) => expect(parseDurationWithin(raw, '10ms', '6h')).toBe(expected));
  it.each(['9ms', '6h1s', '1d'])('rejects %s, naming the bounds', (raw) =>
    expect(() => parseDurationWithin(raw, '10ms', '6h')).toThrow('must be between 10ms and 6h'),
  );
});

describe('parseList', () => {
  it('splits on newlines, commas and spaces, drops blanks and duplicates, keeps order', () => {
    expect(parseList('b, a\n\n c,,b  d\r\n')).toEqual(['b', 'a', 'c', 'd']);
  });
  it('is empty for whitespace only', () => expect(parseList(' \n , ')).toEqual([]));
});

describe('parseKeyValues', () => {
  it('reads KEY=VALUE lines, keeping = and spaces in values, skipping comments', () => {
    expect(parseKeyValues('A=1\n# note\nB = x=y z\n\nC=')).toEqual({ A: '1', B: ' x=y z', C: '' });
  });
  it('reads a JSON object, turning scalars into strings', () => {
    expect(parseKeyValues('{"A": 1, "B": true, "C": "x"}')).toEqual({ A: '1', B: 'true', C: 'x' });
  });
  it.each([
    ['NOEQUALS', 'line 1 is not KEY=VALUE'],
    ['1A=x', 'line 1 is not KEY=VALUE'],
    ['A=1\nA=2', '"A" is set twice'],
    ['{"A": {"nested": 1}}', '"A" must be a string'],
    ['{"A": ', 'is not valid JSON'],
    ['__proto__=x', 'line 1 has the key "__proto__", which is not accepted'],
    ['constructor=x', 'line 1 has the key "constructor", which is not accepted'],
  ])('rejects %j', (raw, message) => expect(() => parseKeyValues(raw)).toThrow(message));
});

describe('parseJsonObject', () => {
  it.each([
    ['{}', {}],
    [
      ' {"a": [], "b": {}, "c": [1, -2.5e3, "x\\n\\u00e9", true, false, null]} ',
      { a: [], b: {}, c: [1, -2500, 'x\né', true, false, null] },
    ],
    // The same key in sibling objects is two keys.
    ['{"a": {"k": 1}, "b": [{"k": 2}, {"k": 3}], "k": 4}', { a: { k: 1 }, b: [{ k: 2 }, { k: 3 }], k: 4 }],
  ])('reads %s', (raw, expected) => expect(parseJsonObject(raw)).toEqual(expected));

  // Each error gives the place, never the text: it may hold a password.
  it.each([
    ['{"DB_PASSWORD": hunter2-Super}', 'is not valid JSON: expected a value at line 1, column 17'],
    ['{\n  "a": "x"\n  "PASSWORD": "hunter2"}', 'is not valid JSON: expected "," or "}" at line 3, column 3'],
    [
      '{"a": "hunter2',
      'is not valid JSON: a string is not closed, or holds a line break, control character or bad escape at line 1, column 7',
    ],
    ['{"a": 1,}', 'is not valid JSON: expected a key in double quotes at line 1, column 9'],
    ['{"a": [1, ]}', 'is not valid JSON: expected a value at line 1, column 11'],
    ['{"a": 1} hunter2', 'is not valid JSON: unexpected text after the end at line 1, column 10'],
    ['{"a" 1}', 'is not valid JSON: expected ":" at line 1, column 6'],
    ['{"a": 01}', 'is not valid JSON: expected "," or "}" at line 1, column 8'],
    ['{"a": ', 'is not valid JSON: the text ends too early at line 1, column 7'],
    ['{"a": 1e309}', 'has a number too large to represent at line 1, column 7'],
    ['{"a": -1e309}', 'has a number too large to represent at line 1, column 7'],
    ['{"__proto__": {}}', 'has the key "__proto__", which is not accepted (a reserved name) at line 1, column 2'],
    ['{"a": {"constructor": 1}}', 'has the key "constructor", which is not accepted (a reserved name) at line 1, column 8'],
    ['{"a": [{"prototype": 1}]}', 'has the key "prototype"'],
    [`{"a": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`, 'is nested deeper than 32 levels at line 1, column 38'],
    ['{'.repeat(10_000), 'is not valid JSON: expected a key in double quotes at line 1, column 2'],
    ['[1]', 'must be a JSON object'],
    ['{"PASSWORD": "a", "PASSWORD": "hunter2"}', 'has the key "PASSWORD" twice at line 1, column 19'],
    ['{"a": {"k": 1, "k": 2}}', 'has the key "k" twice at line 1, column 16'],
  ])('rejects %j', (raw, message) => {
    expect(() => parseJsonObject(raw)).toThrow(message);
    expect(() => parseJsonObject(raw)).not.toThrow(/hunter2/);
  });

  it('accepts nesting up to the cap', () => {
    expect(() => parseJsonObject(`{"a": ${'['.repeat(MAX_JSON_DEPTH - 1)}${']'.repeat(MAX_JSON_DEPTH - 1)}}`)).not.toThrow();
  });
});

describe('checkFields', () => {
  it('names constructor and __proto__ as unknown keys, not as types', () => {
    const value = JSON.parse('{"constructor": 1, "__proto__": 2}') as Record<string, unknown>;
    expect(() => checkFields(value, { name: 'string' })).toThrow('unknown key "constructor" (allowed: name); unknown key "__proto__"');
  });
  const schema = { name: 'string', count: 'number', on: 'boolean', list: 'array', obj: 'object' } as const;
  it('accepts matching types', () => {
    expect(() => checkFields({ name: 'x', count: 1, on: false, list: [], obj: {} }, schema)).not.toThrow();
  });
  it('names every unknown key and wrong type', () => {
    expect(() => checkFields({ name: 1, list: {}, obj: null, extra: 1 }, schema)).toThrow(
      '"name" must be a string, got number; "list" must be an array, got object; "obj" must be an object, got null; unknown key "extra"',
    );
  });
});

describe('parseTrafficSteps', () => {
  it.each([
    ['100', [100]],
    ['0', [0]],
    ['10,50,100', [10, 50, 100]],
    [' 5, 20 ', [5, 20]],
  ])('%s → %j', (raw, expected) => expect(parseTrafficSteps(raw)).toEqual(expected));

  it.each([
    ['101', 'must be between 0 and 100'],
    ['0,50', 'must be between 1 and 100'],
    ['50,50', 'steps must increase, got 50 then 50'],
    ['10,,50', 'expected a whole number'],
  ])('rejects %s', (raw, message) => expect(() => parseTrafficSteps(raw)).toThrow(message));
});

describe('parseTrafficSplit', () => {
  it('reads VERSION=PERCENT lines and JSON objects', () => {
    expect(parseTrafficSplit('shop-api-003=90\n# canary\nshop-api-004 = 10')).toEqual({ 'shop-api-003': 90, 'shop-api-004': 10 });
    expect(parseTrafficSplit('{"shop-api-003": 100, "shop-api-004": 0}')).toEqual({ 'shop-api-003': 100, 'shop-api-004': 0 });
    // A name that is also an Object.prototype key is a name like any other.
    expect(parseTrafficSplit('constructor=60\ntoString=40')).toEqual({ constructor: 60, toString: 40 });
  });

  it.each([
    ['a=50\nb=40', 'the shares must add up to 100, got 90'],
    ['a=50\na=50', '"a" is given twice'],
    // JSON.parse would keep the last of two equal keys without a word.
    ['{"a": 50, "a": 50}', 'has the key "a" twice'],
    ['a=fifty\nb=50', 'the share of "a" expected a whole number'],
    ['{"a": "100"}', 'the share of "a" must be a number'],
    ['a b=100', '"a b" is not a version name'],
    ['a', 'line 1 is not VERSION=PERCENT'],
    ['# split\n\nv-001=50\nv-002 50', 'line 4 is not VERSION=PERCENT'],
  ])('rejects %j', (raw, message) => expect(() => parseTrafficSplit(raw)).toThrow(message));
});
