import { mapWithConcurrency } from '../concurrency.ts';
import type { AiClient } from './client.ts';
import { ListShapeError, readListPage, type Container } from './containers.ts';

export const PAGE_SIZE = 100;
const MAX_PAGES = 10_000;

/**
 * Every container. `start` is taken as a record offset (the docs give only its default, 0). Once
 * the first page tells data.total, the other pages are read `concurrency` at a time, each at the
 * offset the first page's length implies, and put back in order; without a total they are read
 * one after another until an empty page. Either way the checks below turn any other meaning of
 * `start` into a clear failure, never a partial list taken for a whole one.
 */
export async function listAllContainers(
  client: AiClient,
  concurrency: number,
  onPage: (count: number, total: number | undefined) => void = () => {},
): Promise<Container[]> {
  const first = readListPage(await client.listPage(0, PAGE_SIZE));
  const seen = new Map<string, Container>();
  // A container created or deleted while the pages are read shifts them by one: an overlap at a
  // page boundary is expected, but a page that repeats earlier ones whole means `start` is not an offset.
  const add = (records: readonly Container[], start: number) => {
    const before = seen.size;
    for (const c of records) seen.set(c.id, c);
    if (records.length && seen.size === before) throw new ListShapeError(`the page at start=${start} repeats earlier records`);
    onPage(seen.size, first.total);
  };
  add(first.records, 0);
  const pageSize = first.records.length;
  if (pageSize === 0 || (first.total !== undefined && pageSize >= first.total)) return [...seen.values()];
  if (first.total === undefined) return readOneByOne(client, seen, pageSize, add);

  const starts: number[] = [];
  for (let start = pageSize; start < first.total; start += pageSize) starts.push(start);
  if (starts.length >= MAX_PAGES) throw new ListShapeError(`data.total ${first.total} needs more than ${MAX_PAGES} pages`);
  let read = pageSize;
  const pages = await mapWithConcurrency(starts, concurrency, async (start) => {
    const page = readListPage(await client.listPage(start, PAGE_SIZE));
    read += page.records.length;
    onPage(read, first.total);
    return page;
  });
  pages.forEach((page, i) => {
    if (page.records.length === 0) throw new ListShapeError(`an empty page at start=${starts[i]} while data.total is ${first.total}`);
    add(page.records, starts[i]);
  });
  return [...seen.values()];
}

async function readOneByOne(
  client: AiClient,
  seen: Map<string, Container>,
  pageSize: number,
  add: (records: readonly Container[], start: number) => void,
): Promise<Container[]> {
  for (let start = pageSize, page = 1; page < MAX_PAGES; page++) {
    const { records } = readListPage(await client.listPage(start, PAGE_SIZE));
    if (records.length === 0) return [...seen.values()];
    add(records, start);
    start += records.length;
  }
  throw new ListShapeError(`more than ${MAX_PAGES} pages`);
}
