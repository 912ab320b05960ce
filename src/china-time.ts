// Both platforms write times as "2020-12-08 20:56:10" in China time (UTC+8), without a zone.
const CHINA_OFFSET_MS = 8 * 3_600_000;
const TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * "2020-12-08 20:56:10" in China time → epoch ms; undefined for anything else, including dates
 * that do not exist (2023-02-29, 24:00:00). With `zoned`, fractions of a second and an ISO 8601
 * zone ("Z", "+08:00") are read too.
 */
export function parseChinaTime(text: string, zoned = false): number | undefined {
  const m = TIME.exec(text.trim());
  if (!m || (!zoned && (m[7] || m[8]))) return undefined;
  const [y, mo, d, h, mi, s] = [+m[1], +m[2], +m[3], +m[4], +m[5], +m[6]];
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || s > 59) return undefined;
  return Date.UTC(y, mo - 1, d, h, mi, s) + Math.floor(Number(m[7] ?? 0) * 1000) - offsetMs(m[8]);
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function offsetMs(zone: string | undefined): number {
  if (zone === undefined) return CHINA_OFFSET_MS;
  if (zone === 'Z') return 0;
  const minutes = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4));
  return (zone[0] === '-' ? -minutes : minutes) * 60_000;
}

/** Epoch ms → "2020-12-08 20:56:10", China time, the way WeChat writes times. */
export function formatChinaTime(ms: number): string {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}
