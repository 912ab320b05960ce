import { mapWithConcurrency } from '../concurrency.ts';
import { ActionError } from '../errors.ts';
import { t } from '../messages/messages.ts';

// WeChat's lists (getcsversionlist, getcslist) page by `limit` and `offset` and tell a `total`.
// One way to read them whole, for both.

export interface Page<T> {
  /** The answer's total, when it gives a readable one. */
  readonly total: number | undefined;
  readonly items: readonly T[];
}

/** Something was deployed or deleted between two pages: the list read is not one consistent picture. */
export class ListChangedError extends ActionError {}

// The documented default page size, so the platform surely accepts it.
export const PAGE_SIZE = 20;
// A guard against an answer that never ends (a total that keeps growing, pages that repeat).
const MAX_PAGES = 500;

/**
 * Every item, read over all pages: the first page tells the total, then the other pages are read
 * `concurrency` at a time and put back in order; without a total, page on until a short page.
 * Throws rather than return a partial list: whoever decides what to delete must see every item.
 */
export async function readAllPages<T>(
  what: { readonly api: string; readonly noun: 'version' | 'service' },
  page: (offset: number) => Promise<Page<T>>,
  key: (item: T) => string,
  concurrency: number,
): Promise<T[]> {
  const first = await page(0);
  const pages = [first];
  // The platform may serve fewer items a page than asked: the first page's length is the step.
  const step = Math.min(PAGE_SIZE, first.items.length || PAGE_SIZE);
  if (first.total === undefined) {
    for (let offset = step, last = first; last.items.length === step; offset += step) {
      if (pages.length === MAX_PAGES)
        throw new ActionError(t('wechat.pages_endless', { api: what.api, max: MAX_PAGES }), t('wechat.pages_endless.hint'));
      last = await page(offset);
      pages.push(last);
    }
  } else if (first.items.length > 0) {
    const offsets: number[] = [];
    for (let offset = step; offset < first.total; offset += step) offsets.push(offset);
    if (offsets.length >= MAX_PAGES) throw new ActionError(t(`wechat.too_many.${what.noun}`, { api: what.api, total: first.total }));
    pages.push(...(await mapWithConcurrency(offsets, concurrency, page)));
  }
  // An item added while paging shifts the list by one, so one may come twice: keep the first.
  const byKey = new Map<string, T>();
  for (const item of pages.flatMap((p) => p.items)) if (!byKey.has(key(item))) byKey.set(key(item), item);
  const total = pages.map((p) => p.total).find((t) => t !== first.total) ?? first.total;
  if (total !== undefined && byKey.size !== total) {
    throw new ListChangedError(t(`wechat.list_changed.${what.noun}`, { read: byKey.size, total }), t('wechat.list_changed.hint'));
  }
  return [...byKey.values()];
}

/** A non-negative number, given as a number or a numeric string. */
export function readCount(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}
