import { redact } from '../secrets.ts';

/**
 * Text from the run or the platform, made fit to send to GitHub: registered secrets removed, then
 * cut to `max` UTF-16 units (GitHub's limits count those) without splitting a surrogate pair, so an
 * emoji at the limit is dropped whole instead of leaving half of it.
 */
export function forGithub(text: string, max: number): string {
  const clean = redact(text);
  if (clean.length <= max) return clean;
  const end = /[\uD800-\uDBFF]/.test(clean[max - 1]) ? max - 1 : max;
  return clean.slice(0, end);
}
