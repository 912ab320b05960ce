/**
 * A sorted list that records are removed from, paged by position among those that remain, as a
 * database with an index pages: removing is O(log n), and a page O(log n + limit) while the
 * removed records lie outside it (a Fenwick tree counts the remaining ones before each position).
 */
export class SortedList<T extends { readonly id: string }> {
  readonly #items: readonly T[];
  readonly #positions = new Map<string, number>();
  readonly #removed: boolean[];
  /** tree[i] (1-based) counts the remaining items in (i - lowbit(i), i]. */
  readonly #tree: number[];
  #size: number;

  constructor(items: readonly T[]) {
    this.#items = items;
    this.#size = items.length;
    this.#removed = items.map(() => false);
    this.#tree = [0, ...items.map((_, i) => lowbit(i + 1))];
    items.forEach((item, i) => this.#positions.set(item.id, i));
  }

  get size(): number {
    return this.#size;
  }

  remove(id: string): void {
    const at = this.#positions.get(id);
    if (at === undefined || this.#removed[at]) return;
    this.#removed[at] = true;
    this.#size--;
    for (let i = at + 1; i < this.#tree.length; i += lowbit(i)) this.#tree[i]--;
  }

  /** Up to `limit` remaining items from the one at `start` (0-based, among the remaining). */
  slice(start: number, limit: number): T[] {
    const page: T[] = [];
    for (let at = this.#find(start + 1); at < this.#items.length && page.length < limit; at++) {
      if (!this.#removed[at]) page.push(this.#items[at]);
    }
    return page;
  }

  /** The position of the k-th remaining item (1-based k), or the length when there are fewer. */
  #find(k: number): number {
    if (k > this.#size) return this.#items.length;
    let at = 0;
    for (let step = 2 ** Math.floor(Math.log2(this.#tree.length)); step > 0; step >>= 1) {
      if (at + step < this.#tree.length && this.#tree[at + step] < k) {
        at += step;
        k -= this.#tree[at];
      }
    }
    return at; // the 1-based position found is at + 1, so `at` is its 0-based index
  }
}

function lowbit(i: number): number {
  return i & -i;
}
