/** Whole delete URLs stay under this many characters: well below the 8 KB many gateways allow. */
export const MAX_URL_LENGTH = 6000;

/**
 * Cuts the IDs into batches of at most batchSize, each also short enough that
 * `baseUrl?ids=a&ids=b…` stays within MAX_URL_LENGTH. IDs are URL-safe, so each adds `ids=<id>&`.
 */
export function makeBatches(ids: readonly string[], batchSize: number, baseUrl: string): string[][] {
  const batches: string[][] = [];
  let batch: string[] = [];
  let length = baseUrl.length;
  for (const id of ids) {
    const added = 'ids='.length + encodeURIComponent(id).length + 1;
    if (batch.length && (batch.length >= batchSize || length + added > MAX_URL_LENGTH)) {
      batches.push(batch);
      batch = [];
      length = baseUrl.length;
    }
    batch.push(id);
    length += added;
  }
  if (batch.length) batches.push(batch);
  return batches;
}
