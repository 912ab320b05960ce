import { throwIfCancelled } from '../cancel.ts';
import { mapWithConcurrency } from '../concurrency.ts';
import type { ContainerApi } from './client.ts';
import { ListShapeError, readListPage, type Container, type ListRow, type UnreadableRecord } from './containers.ts';
import { t } from '../messages/messages.ts';

// Reading the container list, which others change while it is read: the account is shared, and
// the run deletes from it too. `start` is taken as a record offset over a list sorted by
// createTime (the docs give only its default, 0, and the sort "desc"). Two ways to read it:
// - while deleting (listWhileDeleting): fast, and allowed to miss what moved, since a check
//   follows;
// - to check (listToCheck): pages that overlap, and a proof that nothing was missed, or a plain
//   "not shown complete".
// Others' changes are never an error. Only an answer that cannot be paged is: one that repeats
// the first page whole wherever it is asked (so `start` is ignored), or a total no listing could
// page (checked before anything is allocated for it).

const PAGE_SIZE = 100;
const MAX_PAGES = 10_000;
/** Records each page of a check shares with the next, so a shift between their reads shows. */
const OVERLAP = 10;
/** Rounds of reading the pages around a boundary among equal createTimes again (see listToCheck). */
const REREADS = 5;

export interface Listing {
  /** Every container read, once each, in list order. */
  readonly containers: readonly Container[];
  /** Every record the action cannot use, once each: skipped. */
  readonly unreadable: readonly UnreadableRecord[];
  /** Shown to hold every record of the list (see listToCheck); never for a listing read while deleting. */
  readonly complete: boolean;
}

export interface ListCallbacks {
  /** How many records are read so far, of data.total when the platform gives one to trust. */
  readonly onPage?: (count: number, total: number | undefined) => void;
}

export interface DeletingCallbacks extends ListCallbacks {
  /**
   * Each new container once no page still to be read can shift because of it: deleting what
   * this gets never makes the listing skip a container the platform held still.
   */
  readonly onSettled?: (containers: readonly Container[]) => void;
}

interface Page {
  readonly start: number;
  readonly rows: readonly ListRow[];
  readonly total: number | undefined;
}

/**
 * Every container, handed on as it settles so the caller can delete while the pages are read.
 * Once the first page tells a total to trust, the other pages are read `concurrency` at a time from
 * the end back: the list is sorted, so removing what a page holds moves only the records after it,
 * never those of a page still to be read; the first page's containers come last. Without a total
 * the pages are read one after another until a short one, and settle when all are read. Others'
 * changes may make it miss a container: never complete.
 */
export async function listWhileDeleting(client: ContainerApi, concurrency: number, on: DeletingCallbacks = {}): Promise<Listing> {
  const reader = new PageReader(client, on.onPage);
  const first = await reader.first();
  const size = first.rows.length;
  const total = reader.trustedTotal;
  const settled = new Set<string>();
  const settle = (rows: readonly ListRow[]) => {
    const fresh = rows.flatMap((r) => (r.container && !settled.has(r.key) ? [r.container] : []));
    for (const c of fresh) settled.add(c.id);
    on.onSettled?.(fresh);
  };
  if (size > 0 && total !== undefined && total > size) {
    await readFromTheEnd(reader, concurrency, total, size, settle);
  } else if (size > 0 && total === undefined) {
    settle((await reader.untilShort(size, size, size)).flatMap((p) => p.rows));
  }
  settle(first.rows);
  return reader.listing(false);
}

/**
 * Every container, read to check what is left: no page is deleted from while the listing runs.
 * Pages overlap by a few records. The listing is complete when the list held still while it was
 * read (every page tells the same trusted total, and that many distinct records were read), or when
 * each page shares with the next a record that anchors them, up to a short page (see
 * anchoredThroughout): then no record that was listed throughout fell between two pages, however
 * the list moved. Otherwise it is not shown complete, and the caller lists again.
 */
export async function listToCheck(client: ContainerApi, concurrency: number, on: ListCallbacks = {}): Promise<Listing> {
  const reader = new PageReader(client, on.onPage);
  const first = await reader.first();
  const size = first.rows.length;
  if (size === 0) return reader.listing(true);
  // An anchor (below) needs a record on each side of it within the overlap; tiny pages have none.
  const fits = Math.min(OVERLAP, Math.floor(size / 4));
  const overlap = fits >= 3 ? fits : 0;
  const step = size - overlap;
  const total = reader.trustedTotal;
  let last: Page = first;
  if (total !== undefined && total > size) {
    reader.checkPages(total, step);
    const starts: number[] = [];
    for (let start = step; start < total; start += step) starts.push(start);
    last = (await mapWithConcurrency(starts, concurrency, (start) => reader.read(start))).at(-1)!;
  }
  // Records of equal createTime may come in another order in each query: a page boundary among
  // them can hide some while the list holds still. The pages around such a boundary are read
  // again, and what they show is added, until every record is seen.
  for (let round = 0; total !== undefined && round < REREADS && reader.totalsAre(total) && !reader.heldStill(total); round++) {
    const starts = reader.unanchoredStarts();
    if (!starts.length) break;
    await mapWithConcurrency(starts, concurrency, (start) => reader.read(start));
  }
  if (total !== undefined && reader.heldStill(total)) return reader.listing(true);
  // A full last page: the list grew while it was read, or gave no total to go by.
  if (last.rows.length >= size) await reader.untilShort(last.start + step, step, size);
  return reader.listing(reader.anchoredThroughout(overlap, size));
}

/**
 * The pages after the first, `concurrency` at a time from the last one back. A page is handed on
 * only when every page after it has been, so deleting its records cannot shift one still in flight;
 * after a failure no further page is requested or handed on.
 */
async function readFromTheEnd(
  reader: PageReader,
  concurrency: number,
  total: number,
  size: number,
  onPage: (rows: readonly ListRow[]) => void,
): Promise<void> {
  reader.checkPages(total, size);
  const starts: number[] = [];
  for (let start = size * Math.floor((total - 1) / size); start > 0; start -= size) starts.push(start);
  const done = new Map<number, readonly ListRow[]>();
  let settled = 0;
  let failed: { readonly err: unknown } | undefined;
  await mapWithConcurrency(starts, concurrency, async (start, index) => {
    if (failed) return;
    try {
      done.set(index, (await reader.read(start)).rows);
      for (let next = done.get(settled); next && !failed; next = done.get(settled)) {
        done.delete(settled++);
        onPage(next);
      }
    } catch (err) {
      failed ??= { err };
    }
  });
  if (failed) throw failed.err;
}

/** The pages of one listing, with what they prove. */
class PageReader {
  readonly #client: ContainerApi;
  readonly #onPage: ListCallbacks['onPage'];
  /** Every page read, in the order read; a page may be read again. */
  readonly #reads: Page[] = [];
  readonly #keys = new Set<string>();
  #first: Page | undefined;

  constructor(client: ContainerApi, onPage: ListCallbacks['onPage']) {
    this.#client = client;
    this.#onPage = onPage;
  }

  async first(): Promise<Page> {
    this.#first = await this.read(0);
    return this.#first;
  }

  /**
   * The first page's total, if it can be trusted: a non-negative integer no smaller than the
   * records it came with, and not positive beside an empty page. Otherwise the pages are read
   * until a short one.
   */
  get trustedTotal(): number | undefined {
    return trusted(this.#first!);
  }

  /** A total no listing could page fails here, before anything is allocated for its pages. */
  checkPages(total: number, step: number): void {
    if (total / step > MAX_PAGES) throw new ListShapeError(t('ai.list_total_too_large', { total, max: MAX_PAGES, step }));
  }

  /** One page. A page that repeats the first whole, where the first still reads the same, means `start` is ignored. */
  async read(start: number): Promise<Page> {
    throwIfCancelled();
    const { rows, total } = readListPage(await this.#client.listPage(start, PAGE_SIZE));
    const page = { start, rows, total };
    if (start > 0 && this.#first && sameRows(rows, this.#first.rows)) {
      throwIfCancelled();
      if (sameRows(readListPage(await this.#client.listPage(0, PAGE_SIZE)).rows, this.#first.rows))
        throw new ListShapeError(t('ai.list_start_ignored', { start }));
    }
    this.#reads.push(page);
    for (const row of rows) this.#keys.add(row.key);
    this.#onPage?.(this.#keys.size, trusted(this.#first ?? page));
    return page;
  }

  /** Pages one after another from `start` until a short one; returns them. */
  async untilShort(start: number, step: number, size: number): Promise<Page[]> {
    const pages: Page[] = [];
    for (let at = start; ; at += step) {
      if (this.#reads.length >= MAX_PAGES) throw new ListShapeError(t('ai.list_too_many_pages', { max: MAX_PAGES }));
      const page = await this.read(at);
      pages.push(page);
      if (page.rows.length < size) return pages;
    }
  }

  /** Every page told this total. */
  totalsAre(total: number): boolean {
    return this.#reads.every((p) => p.total === total);
  }

  /** Every page told this total, and that many distinct records were read: the list held still. */
  heldStill(total: number): boolean {
    return this.totalsAre(total) && this.#keys.size === total;
  }

  /** Each page as first read, in list order. */
  #pages(): Page[] {
    const first = new Map<number, Page>();
    for (const page of this.#reads) if (!first.has(page.start)) first.set(page.start, page);
    return [...first.values()].sort((a, b) => a.start - b.start);
  }

  /** The starts of both pages of every pair that shares no anchor. */
  unanchoredStarts(): number[] {
    const pages = this.#pages();
    return [...new Set(pages.slice(1).flatMap((page, i) => (anchored(pages[i], page) ? [] : [pages[i].start, page.start])))];
  }

  /**
   * Each page shares with the next a record that anchors them, up to a short page. An anchor lies
   * inside both pages, has a createTime, and neither page shows a neighbour of it with the same
   * createTime: records of equal createTime may be ordered differently in each query (a
   * database's LIMIT/OFFSET allows it), and an anchor without one keeps its place among the
   * others. Then each page holds, as it was read, every record between its two anchors, the first
   * page every record before its anchor, and the short page every record after its own: the list
   * ended there. Pages after it add what they show. Without an overlap, only a first page
   * shorter than asked with an empty page after it shows the end.
   */
  anchoredThroughout(overlap: number, size: number): boolean {
    const pages = this.#pages();
    const end = pages.findIndex((p) => p.rows.length < size);
    if (end < 0) return false;
    if (overlap === 0) return end === 1 && pages[1].rows.length === 0 && size < PAGE_SIZE;
    return pages.slice(1, end + 1).every((page, i) => anchored(pages[i], page));
  }

  /** What was read, each record once, in list order. */
  listing(complete: boolean): Listing {
    const seen = new Set<string>();
    const containers: Container[] = [];
    const unreadable: UnreadableRecord[] = [];
    for (const page of [...this.#reads].sort((a, b) => a.start - b.start)) {
      for (const row of page.rows) {
        if (seen.has(row.key)) continue;
        seen.add(row.key);
        if (row.container) containers.push(row.container);
        else unreadable.push(row.unreadable);
      }
    }
    return { containers, unreadable, complete };
  }
}

function trusted({ total, rows }: Page): number | undefined {
  return total !== undefined && total >= rows.length && !(total > 0 && rows.length === 0) ? total : undefined;
}

function sameRows(a: readonly ListRow[], b: readonly ListRow[]): boolean {
  return a.length > 0 && a.length === b.length && a.every((row, i) => row.key === b[i].key);
}

/** A record both pages hold, inside each, whose createTime no neighbour of it shares (see anchoredThroughout). */
function anchored(a: Page, b: Page): boolean {
  const inA = new Map(a.rows.map((row, i) => [row.key, i]));
  return b.rows.some((row, j) => {
    const i = inA.get(row.key);
    if (i === undefined || i === 0 || i === a.rows.length - 1 || j === 0 || j === b.rows.length - 1) return false;
    const at = row.createdAt;
    const neighbours = [a.rows[i - 1], a.rows[i + 1], b.rows[j - 1], b.rows[j + 1]];
    return at !== undefined && neighbours.every((n) => n.createdAt !== undefined && n.createdAt !== at);
  });
}
