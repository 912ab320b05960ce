import { describe, expect, it } from 'vitest';
import { excerpt, scrub } from '../../src/http/excerpt.ts';
import { jsonObject } from '../../src/http/answer.ts';
import { parseRetryAfter } from '../../src/http/request.ts';
import { addSecret } from '../../src/secrets.ts';

describe('scrub', () => {
  it.each([
    ['GET /x?access_token=abc123&b=1', 'GET /x?access_token=***&b=1'],
    ['{"component_access_token":"abc\\"def","expires_in":7200}', '{"component_access_token":"***","expires_in":7200}'],
    ['{"token" : "eyJx.y.z"}', '{"token" : "***"}'],
    ['{"data":[{"clusterId":1,"token":"t-1"}]}', '{"data":[{"clusterId":1,"token":"***"}]}'],
    ['bearer eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyIjoiYSJ9.c2ln done', 'bearer *** done'],
    ['no secrets here: eyes.open', 'no secrets here: eyes.open'],
  ])('scrub(%j)', (text, expected) => expect(scrub(text)).toBe(expected));

  it.each([
    ['cut off before its closing quote', '{"access_token":"abc123', '{"access_token":"***"'],
    ['with spaces around the colon', '{"token" : "t-1"}', '{"token" : "***"}'],
    ['with a line break before the colon', '{"authorizer_access_token"\n:\t"t-2"}', '{"authorizer_access_token"\n:\t"***"}'],
    ['in any case', '{"Access_Token":"t-3"}', '{"Access_Token":"***"}'],
    ['twice in one text', '{"token":"t-4","x":{"token":"t-5"}}', '{"token":"***","x":{"token":"***"}}'],
    ['in a query, up to the next parameter', 'a?ACCESS_TOKEN=t-6&b=1 c?access_token=t-7 d', 'a?ACCESS_TOKEN=***&b=1 c?access_token=*** d'],
  ])('hides a token %s', (_, text, expected) => expect(scrub(text)).toBe(expected));
});

describe('excerpt', () => {
  it('redacts a registered secret before cutting, so no part of it survives', () => {
    addSecret('SECRET-straddles-the-cut');
    const text = `${'x'.repeat(15)}SECRET-straddles-the-cut and more`;
    expect(excerpt(text, 20)).toBe(`${'x'.repeat(15)}***${' a'}…`);
  });

  it('cuts a token-shaped value only after hiding it', () => {
    const text = `${'x'.repeat(30)}{"token":"abcdefghijklmnopqrstuvwxyz"}`;
    expect(excerpt(text, 45)).toBe(`${'x'.repeat(30)}{"token":"***"}`);
    expect(excerpt(text, 40)).not.toMatch(/abc/);
  });

  it('leaves short text whole', () => expect(excerpt('short', 20)).toBe('short'));
});

describe('jsonObject', () => {
  it('reads an answer that starts with a UTF-8 byte order mark', () => {
    expect(jsonObject('\uFEFF{"errcode":0}')).toEqual({ errcode: 0 });
    expect(jsonObject('\uFEFF[1]')).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it.each([
    ['7', 7_000],
    [' 0 ', 0],
    ['Thu, 01 Jan 2026 00:00:30 GMT', 30_000],
    ['Wed, 31 Dec 2025 23:00:00 GMT', 0],
    ['soon', undefined],
    ['-1', undefined],
    [undefined, undefined],
  ])('parseRetryAfter(%j) is %j', (value, expected) => expect(parseRetryAfter(value, now)).toBe(expected));
});
