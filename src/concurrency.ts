interface WorkPool<T> {
  /** Queues an item; it starts as soon as fewer than `limit` are running. */
  add(item: T): void;
  /** Resolves when every item added so far has finished (rejects with the first error fn threw). */
  drained(): Promise<void>;
}

/**
 * Runs fn on items as they are added, at most `limit` at once, in the order they were added.
 * fn should not throw: an operation that must report each item's outcome keeps it instead.
 */
export function workPool<T>(limit: number, fn: (item: T) => Promise<void>): WorkPool<T> {
  const queue: T[] = [];
  let head = 0;
  let running = 0;
  let error: Error | undefined;
  let onIdle: (() => void) | undefined;
  const pump = () => {
    while (running < limit && head < queue.length) {
      const item = queue[head++];
      running++;
      fn(item)
        .catch((err: unknown) => void (error ??= err instanceof Error ? err : new Error(String(err))))
        .finally(() => {
          running--;
          pump();
        });
    }
    if (head === queue.length) queue.length = head = 0;
    if (running === 0 && head === queue.length) onIdle?.();
  };
  return {
    add(item) {
      queue.push(item);
      pump();
    },
    drained() {
      return new Promise<void>((resolve, reject) => {
        onIdle = () => (error ? reject(error) : resolve());
        pump();
      });
    },
  };
}

/** Runs fn over items with at most `limit` running at once, and returns the results in input order. */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  const pool = workPool(limit, async (index: number) => void (results[index] = await fn(items[index], index)));
  items.forEach((_, index) => pool.add(index));
  await pool.drained();
  return results;
}
