import { quoted } from '../errors.ts';
import { SERVICE_NAME } from '../wechat/shapes.ts';
import { parseList } from './parsers.ts';
import { t } from '../messages/messages.ts';

// service_name as delete-versions reads it: one service, or patterns over the environment's services.

/** The services of an environment a pattern selects: those matching an include and no exclude. */
export interface ServicePattern {
  /** Globs (`*` any run of characters, `?` one) and plain service names. */
  readonly include: readonly string[];
  /** The `!pattern` items, without the `!`. */
  readonly exclude: readonly string[];
}

/** What a glob over service names may hold: their own characters, and * and ?. */
const SERVICE_GLOB = /^[A-Za-z0-9*?-]{1,40}$/;

export const isGlob = (item: string): boolean => /[*?]/.test(item);

/**
 * Items separated as in other list inputs (newlines, commas or spaces): a service name or a glob,
 * with `!` in front to exclude. Returns undefined for one plain name: that service alone, as every
 * other operation reads service_name. Only exclusions are refused: `!legacy` alone would prune
 * every other service, which nobody should get by leaving out a `*`.
 */
export function parseServicePattern(raw: string): ServicePattern | undefined {
  const items = parseList(raw);
  for (const item of items) {
    const glob = item.startsWith('!') ? item.slice(1) : item;
    if (!SERVICE_GLOB.test(glob) || (!isGlob(glob) && !SERVICE_NAME.test(glob)))
      throw new Error(t('input.service_pattern', { item: quoted(item, 60) }));
  }
  if (items.length === 1 && !isGlob(items[0]) && !items[0].startsWith('!')) return undefined;
  const include = items.filter((item) => !item.startsWith('!'));
  if (!include.length) throw new Error(t('input.service_pattern_only_exclusions', { example: `*, ${items[0]}` }));
  return { include, exclude: items.filter((item) => item.startsWith('!')).map((item) => item.slice(1)) };
}

/** The pattern on one line, "shop-*, !shop-legacy": how logs, the summary and the plan comment name it. */
export function describeServicePattern(pattern: ServicePattern): string {
  return [...pattern.include, ...pattern.exclude.map((item) => `!${item}`)].join(', ');
}
