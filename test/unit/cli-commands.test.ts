import { describe, expect, it } from 'vitest';
import { CommandTranslator, decodeCommandData } from '../../src/cli/commands.ts';

describe('decodeCommandData', () => {
  it.each([
    ['plain', 'plain'],
    ['line one%0Aline two', 'line one\nline two'],
    ['a%0D%0Ab', 'a\r\nb'],
    ['100%25 done', '100% done'],
    ['literal %250A stays', 'literal %0A stays'],
    ['%zz is not an escape', '%zz is not an escape'],
  ])('%s', (data, expected) => {
    expect(decodeCommandData(data)).toBe(expected);
  });
});

describe('CommandTranslator', () => {
  it.each([
    { line: 'Rolling update accepted', shown: 'Rolling update accepted' },
    { line: '', shown: '' },
    { line: '::group::Rolling update of shop-api', shown: '== Rolling update of shop-api' },
    { line: '::endgroup::', shown: undefined },
    { line: '::warning::Could not delete v1%0Abecause', shown: 'warning: Could not delete v1\nbecause' },
    { line: '::warning title=Retry::slow', shown: 'warning: slow' },
    { line: '::notice::fyi', shown: 'notice: fyi' },
    { line: '::error::failed: 100%25', shown: 'error: failed: 100%' },
    { line: '::debug::request sent', shown: undefined },
    { line: '::add-mask::hunter2', shown: undefined },
    { line: '::unknown-command::x', shown: '::unknown-command::x' },
    { line: 'text with ::group:: inside', shown: 'text with ::group:: inside' },
  ])('$line', ({ line, shown }) => {
    expect(new CommandTranslator(false).translate(line)).toBe(shown);
  });

  it('shows debug messages when verbose', () => {
    expect(new CommandTranslator(true).translate('::debug::request sent')).toBe('debug: request sent');
  });

  it('masks every added secret in every later line, the longest first', () => {
    const t = new CommandTranslator(false);
    t.translate('::add-mask::abc');
    t.translate('::add-mask::abcdef');
    t.translate('::add-mask::line1%0Aline2');
    t.translate('::add-mask::  ');
    expect(t.translate('token abcdef and abc')).toBe('token *** and ***');
    expect(t.translate('::error::bad abcdef')).toBe('error: bad ***');
    expect(t.mask('was line1\nline2')).toBe('was ***');
    expect(t.translate('spaces  stay')).toBe('spaces  stay');
    expect(t.mask('summary abc')).toBe('summary ***');
  });

  it('collects the error messages, masked', () => {
    const t = new CommandTranslator(false);
    t.translate('::add-mask::s3cret');
    t.translate('::error::first%0Ahint s3cret');
    t.translate('::warning::not an error');
    t.translate('::error::second');
    expect(t.errors).toEqual(['first\nhint ***', 'second']);
  });
});
