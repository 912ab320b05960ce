import { describe, expect, it } from 'vitest';
import {
  checkFields,
  parseBoolean,
  parseDecimal,
  parseDuration,
  parseDurationWithin,
  parseInteger,
  parseKeyValues,
  parseTrafficSplit,
  parseTrafficSteps,
  parseList,
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
  ])('rejects %j', (raw, message) => expect(() => parseKeyValues(raw)).toThrow(message));
});

describe('checkFields', () => {
  const schema = { name: 'string', count: 'number', on: 'boolean', list: 'array', obj: 'object' } as const;
  it('accepts matching types', () => {
    expect(() => checkFields({ name: 'x', count: 1, on: false, list: [], obj: {} }, schema)).not.toThrow();
  });
  it('names every unknown key and wrong type', () => {
    expect(() => checkFields({ name: 1, list: {}, obj: null, extra: 1 }, schema)).toThrow(
      '"name" must be a string, got number; "list" must be an array, got object; "obj" must be a object, got null; unknown key "extra"',
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
  });

  it.each([
    ['a=50\nb=40', 'the shares must add up to 100, got 90'],
    ['a=50\na=50', '"a" is given twice'],
    ['a=fifty\nb=50', 'the share of "a" expected a whole number'],
    ['{"a": "100"}', 'the share of "a" must be a number'],
    ['a b=100', '"a b" is not a version name'],
    ['a', 'line 1 is not VERSION=PERCENT'],
  ])('rejects %j', (raw, message) => expect(() => parseTrafficSplit(raw)).toThrow(message));
});
