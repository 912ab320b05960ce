import type { AiClient } from './client.ts';
import { ListShapeError, readListPage, type Container } from './containers.ts';

export const PAGE_SIZE = 100;
const MAX_PAGES = 10_000;

/**
 * Every container, page by page. `start` is taken as a record offset (the docs give only its
 * default, 0); the checks below turn any other meaning into a clear failure, never a partial list
 * taken for a whole one: a page that repeats earlier records, or an empty page before data.total.
 */
export async function listAllContainers(
  client: AiClient,
  onPage: (count: number, total: number | undefined) => void = () => {},
): Promise<Container[]> {
  const seen = new Map<string, Container>();
  let start = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { records, total } = readListPage(await client.listPage(start, PAGE_SIZE));
    if (records.length === 0) {
      if (total !== undefined && start < total) throw new ListShapeError(`an empty page at start=${start} while data.total is ${total}`);
      return [...seen.values()];
    }
    const before = seen.size;
    for (const c of records) seen.set(c.id, c);
    if (seen.size === before) throw new ListShapeError(`the page at start=${start} repeats earlier records`);
    start += records.length;
    onPage(seen.size, total);
    if (total !== undefined && start >= total) return [...seen.values()];
  }
  throw new ListShapeError(`more than ${MAX_PAGES} pages`);
}
