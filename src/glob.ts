/**
 * A glob as users write it for names: `*` any run of characters, `?` one character, everything
 * else literal. Matches the whole name.
 *
 * Matched without a regular expression: a backtracking `.*` per star takes exponential time on a
 * long name with many stars. Here the pieces between stars are found in order, each at its
 * leftmost place (which never loses a match), so the time is at most name length × glob length.
 */
export type Glob = (name: string) => boolean;

export function parseGlob(glob: string): Glob {
  const pieces = glob.split('*');
  const first = pieces[0];
  const last = pieces.at(-1)!;
  return (name) => {
    if (pieces.length === 1) return name.length === first.length && matchesAt(name, 0, first);
    if (name.length < first.length + last.length) return false;
    if (!matchesAt(name, 0, first) || !matchesAt(name, name.length - last.length, last)) return false;
    let at = first.length;
    const end = name.length - last.length;
    for (const piece of pieces.slice(1, -1)) {
      const found = find(name, piece, at, end);
      if (found < 0) return false;
      at = found + piece.length;
    }
    return true;
  };
}

/** True when any of the globs matches the name. */
export function matchesAny(globs: readonly Glob[], name: string): boolean {
  return globs.some((matches) => matches(name));
}

/** Where the piece first matches in name[from, end), or -1. */
function find(name: string, piece: string, from: number, end: number): number {
  for (let at = from; at + piece.length <= end; at++) if (matchesAt(name, at, piece)) return at;
  return -1;
}

/** The piece (with `?` for any one character) matches the name at this index. */
function matchesAt(name: string, at: number, piece: string): boolean {
  for (let i = 0; i < piece.length; i++) if (piece[i] !== '?' && piece[i] !== name[at + i]) return false;
  return true;
}
