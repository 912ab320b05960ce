import { describe, expect, it } from 'vitest';
import { describeServicePattern, parseServicePattern } from '../../src/inputs/service-pattern.ts';
import { chooseServices } from '../../src/operations/delete-versions/select-services.ts';

describe('parseServicePattern', () => {
  it.each([
    ['shop-api', undefined],
    [' shop-api ', undefined],
    ['*', { include: ['*'], exclude: [] }],
    ['shop-*', { include: ['shop-*'], exclude: [] }],
    ['shop-api, order-api', { include: ['shop-api', 'order-api'], exclude: [] }],
    ['*\n!shop-legacy !tmp-?', { include: ['*'], exclude: ['shop-legacy', 'tmp-?'] }],
    ['shop-api shop-api', undefined],
  ])('%j → %j', (raw, expected) => expect(parseServicePattern(raw)).toEqual(expected));

  it.each([
    ['!shop-legacy', 'has only exclusions: also say which services, such as "*, !shop-legacy"'],
    ['shop_api', '"shop_api" is not a service name or pattern'],
    ['-shop', '"-shop" is not a service name or pattern'],
    ['shop-*, a|b', '"a|b" is not a service name or pattern'],
    ['!!x', '"!!x" is not a service name or pattern'],
    ['$(id)*', 'is not a service name or pattern'],
    [`${'a'.repeat(41)}`, 'is not a service name or pattern'],
  ])('rejects %j', (raw, message) => expect(() => parseServicePattern(raw)).toThrow(message));

  it('is written back on one line, exclusions last', () =>
    expect(describeServicePattern(parseServicePattern('!b, a-*\nc')!)).toBe('a-*, c, !b'));
});

describe('chooseServices', () => {
  const listed = ['shop-web', 'billing', 'shop-api', 'shop-legacy'];
  it.each([
    ['*', ['billing', 'shop-api', 'shop-legacy', 'shop-web'], [], []],
    ['shop-*, !shop-legacy', ['shop-api', 'shop-web'], ['shop-legacy'], []],
    ['shop-api, billing, ghost', ['billing', 'shop-api'], [], ['ghost']],
    ['ghost, !ghost', [], [], []],
    ['shop-???', ['shop-api', 'shop-web'], [], []],
    ['SHOP-*', [], [], []],
  ])('%j selects %j, excludes %j, misses %j', (raw, names, excluded, missing) =>
    expect(chooseServices(listed, parseServicePattern(raw)!)).toEqual({ names, excluded, missing }),
  );
});
