/** Whole delete URLs stay under this many characters: well below the 8 KB many gateways allow. */
export const MAX_URL_LENGTH = 6000;

/**
 * Cuts IDs, as they come, into batches of at most batchSize, each also short enough that
 * `baseUrl?ids=a&ids=b…` stays within MAX_URL_LENGTH, and hands on each batch as soon as it is
 * full. IDs are URL-safe, so each adds `ids=<id>&`.
 */
export class Batcher {
  readonly #batchSize: number;
  readonly #baseUrl: string;
  readonly #onBatch: (ids: string[]) => void;
  #batch: string[] = [];
  #length: number;

  constructor(batchSize: number, baseUrl: string, onBatch: (ids: string[]) => void) {
    this.#batchSize = batchSize;
    this.#baseUrl = baseUrl;
    this.#onBatch = onBatch;
    this.#length = baseUrl.length;
  }

  add(id: string): void {
    const added = 'ids='.length + encodeURIComponent(id).length + 1;
    if (this.#length + added > MAX_URL_LENGTH) this.flush();
    this.#batch.push(id);
    this.#length += added;
    if (this.#batch.length >= this.#batchSize) this.flush();
  }

  /** Hands on the batch being filled, if it has any ID. */
  flush(): void {
    if (this.#batch.length) this.#onBatch(this.#batch);
    this.#batch = [];
    this.#length = this.#baseUrl.length;
  }
}

/** All the IDs' batches at once: see Batcher. */
export function makeBatches(ids: readonly string[], batchSize: number, baseUrl: string): string[][] {
  const batches: string[][] = [];
  const batcher = new Batcher(batchSize, baseUrl, (ids) => batches.push(ids));
  ids.forEach((id) => batcher.add(id));
  batcher.flush();
  return batches;
}
