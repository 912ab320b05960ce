import { mapWithConcurrency } from '../concurrency.ts';
import type { ScnetClient } from './client.ts';
import { ListShapeError, readListPage, type Container } from './containers.ts';

export const PAGE_SIZE = 100;
const MAX_PAGES = 10_000;

interface ListCallbacks {
  /** How many containers are read so far, of data.total when the platform gives it. */
  readonly onPage?: (count: number, total: number | undefined) => void;
  /**
   * Each new container once no page still to be read can shift because of it: deleting what
   * this gets never makes the listing skip a container (see below).
   */
  readonly onSettled?: (records: readonly Container[]) => void;
}

/**
 * Every container. `start` is taken as a record offset (the docs give only its default, 0). Once
 * the first page tells data.total, the other pages are read `concurrency` at a time from the end
 * backwards: the list comes sorted (the call asks for sort "desc"), so removing what a page holds
 * moves only the records after it, never those of a page still to be read. That is what lets the caller delete
 * each page's containers while the pages before it are read; the first page's containers come
 * last. Without a total the pages are read one after another until an empty page, and settle when
 * all are read. Either way the checks below turn any other meaning of `start` into a clear
 * failure, never a partial list taken for a whole one.
 */
export async function listAllContainers(client: ScnetClient, concurrency: number, on: ListCallbacks = {}): Promise<Container[]> {
  const first = readListPage(await client.listPage(0, PAGE_SIZE));
  const seen = new Set<string>();
  const pages = new Map<number, Container[]>();
  // A container created or deleted elsewhere while the pages are read shifts them by one: an
  // overlap at a page boundary is expected, but a page that repeats earlier ones whole means
  // `start` is not an offset.
  const add = (records: readonly Container[], start: number): Container[] => {
    const fresh = records.filter((c) => !seen.has(c.id));
    if (records.length && !fresh.length) throw new ListShapeError(`the page at start=${start} repeats earlier records`);
    for (const c of fresh) seen.add(c.id);
    pages.set(start, fresh);
    on.onPage?.(seen.size, first.total);
    return fresh;
  };
  const settle = on.onSettled ?? (() => {});
  const firstRecords = add(first.records, 0);
  const pageSize = first.records.length;
  if (pageSize > 0 && first.total === undefined) {
    settle(await readOneByOne(client, pageSize, add));
  } else if (pageSize > 0 && first.total !== undefined && pageSize < first.total) {
    await readFromTheEnd(client, concurrency, first.total, pageSize, (records, start) => settle(add(records, start)));
  }
  settle(firstRecords);
  return [...pages].sort(([a], [b]) => a - b).flatMap(([, records]) => records);
}

/**
 * The pages after the first, `concurrency` at a time from the last one back. A page is handed on
 * only when every page after it has been, so deleting its records cannot shift one still in flight;
 * after a failure no further page is requested or handed on.
 */
async function readFromTheEnd(
  client: ScnetClient,
  concurrency: number,
  total: number,
  pageSize: number,
  onPage: (records: readonly Container[], start: number) => void,
): Promise<void> {
  const starts: number[] = [];
  for (let start = pageSize * Math.floor((total - 1) / pageSize); start > 0; start -= pageSize) starts.push(start);
  if (starts.length >= MAX_PAGES) throw new ListShapeError(`data.total ${total} needs more than ${MAX_PAGES} pages`);
  const done = new Map<number, readonly Container[]>();
  let settled = 0;
  let failed: { readonly err: unknown } | undefined;
  await mapWithConcurrency(starts, concurrency, async (start, index) => {
    if (failed) return;
    try {
      const { records } = readListPage(await client.listPage(start, PAGE_SIZE));
      if (records.length === 0) throw new ListShapeError(`an empty page at start=${start} while data.total is ${total}`);
      done.set(index, records);
      for (let next = done.get(settled); next && !failed; next = done.get(settled)) {
        done.delete(settled);
        onPage(next, starts[settled++]);
      }
    } catch (err) {
      failed ??= { err };
    }
  });
  if (failed) throw failed.err;
}

async function readOneByOne(
  client: ScnetClient,
  pageSize: number,
  add: (records: readonly Container[], start: number) => Container[],
): Promise<Container[]> {
  const read: Container[] = [];
  for (let start = pageSize, page = 1; page < MAX_PAGES; page++) {
    const { records } = readListPage(await client.listPage(start, PAGE_SIZE));
    if (records.length === 0) return read;
    read.push(...add(records, start));
    start += records.length;
  }
  throw new ListShapeError(`more than ${MAX_PAGES} pages`);
}
