// "Did you mean …?" for a mistyped name: the CLI's inputs and commands, the operation input.

/** The candidate closest to a mistyped name, if any is close enough to be what was meant. */
export function closestName<T extends string>(typed: string, candidates: readonly T[]): T | undefined {
  let best: T | undefined;
  // Up to a third of the name may be wrong (at least 2 edits), so "delet-version" finds its name and "foo" finds none.
  let bestDistance = Math.max(2, Math.floor(typed.length / 3)) + 1;
  for (const name of candidates) {
    const distance = editDistance(typed, name);
    if (distance < bestDistance) [best, bestDistance] = [name, distance];
  }
  return best;
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
