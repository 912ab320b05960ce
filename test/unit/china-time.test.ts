import { describe, expect, it } from 'vitest';
import { formatChinaTime, parseChinaTime } from '../../src/china-time.ts';

// Every age rule (older_than, keep_latest, the newest version) rests on these times: a time read
// hours off, or a date that does not exist read as one that does, deletes the wrong thing.
const utc = (iso: string) => Date.parse(iso);

describe('parseChinaTime with a zone (zoned)', () => {
  it.each<[string, string]>([
    ['2024-01-02T08:00:00+08:00', '2024-01-02T00:00:00Z'],
    ['2024-01-02T00:00:00Z', '2024-01-02T00:00:00Z'],
    ['2024-01-02T00:00:00+00:00', '2024-01-02T00:00:00Z'],
    ['2024-01-01T19:00:00-05:00', '2024-01-02T00:00:00Z'],
    ['2024-01-02T05:30:00+05:30', '2024-01-02T00:00:00Z'],
    ['2024-01-01T20:30:00-03:30', '2024-01-02T00:00:00Z'],
    ['2024-01-02 00:00:00.123456789Z', '2024-01-02T00:00:00.123Z'],
  ])('reads a negative, half-hour or any other offset as that offset: %s', (text, iso) => {
    expect(parseChinaTime(text, true)).toBe(utc(iso));
  });

  it('reads a time without a zone as China time (UTC+8)', () => {
    expect(parseChinaTime('2024-01-02 08:00:00', true)).toBe(utc('2024-01-02T00:00:00Z'));
  });

  it('refuses a fraction of more than 9 digits', () => expect(parseChinaTime('2024-01-02 00:00:00.1234567890Z', true)).toBeUndefined());
});

describe('parseChinaTime refuses what is not exactly one time', () => {
  it.each([
    'x2020-12-08 20:56:10',
    '2020-12-08 20:56:10x',
    '2020-12-08 20:56:10 UTC',
    '2020-12-08 20:56:10+0800',
    '12020-12-08 20:56:10',
    '2020-12-8 20:56:10',
    '2020-12-08 20:5:10',
    '2020-12-08_20:56:10',
    'yyyy-12-08 20:56:10',
  ])('leading or trailing junk, or a field of the wrong width: %j', (text) => {
    expect(parseChinaTime(text)).toBeUndefined();
    expect(parseChinaTime(text, true)).toBeUndefined();
  });

  it('reads a time with only whitespace around it', () => {
    expect(parseChinaTime(' 2020-12-08 20:56:10\n')).toBe(utc('2020-12-08T12:56:10Z'));
  });
});

describe('parseChinaTime reads only dates that exist', () => {
  it.each([
    ['month 0', '2024-00-10 00:00:00'],
    ['month 13', '2024-13-10 00:00:00'],
    ['day 0', '2024-05-00 00:00:00'],
    ['hour 24', '2024-05-10 24:00:00'],
    ['minute 60', '2024-05-10 10:60:00'],
    ['second 60', '2024-05-10 10:00:60'],
    ['31 April', '2024-04-31 00:00:00'],
    ['31 June', '2024-06-31 00:00:00'],
    ['31 September', '2024-09-31 00:00:00'],
    ['31 November', '2024-11-31 00:00:00'],
    ['30 February', '2024-02-30 00:00:00'],
    ['29 February 2023', '2023-02-29 00:00:00'],
    ['29 February 1900 (a century is not a leap year)', '1900-02-29 00:00:00'],
    ['29 February 2100', '2100-02-29 00:00:00'],
  ])('refuses %s', (_, text) => expect(parseChinaTime(text)).toBeUndefined());

  it.each([
    ['the last day of each 31-day month', ['01', '03', '05', '07', '08', '10', '12'].map((m) => `2023-${m}-31 23:59:59`)],
    ['30 of each 30-day month', ['04', '06', '09', '11'].map((m) => `2023-${m}-30 00:00:00`)],
    ['29 February in leap years, 2000 among them (every 400 years)', ['2000-02-29 12:00:00', '2024-02-29 12:00:00']],
    ['the first moment of a year', ['2024-01-01 00:00:00']],
  ])('reads %s', (_, texts) => {
    for (const text of texts) expect(formatChinaTime(parseChinaTime(text)!), text).toBe(text);
  });
});
