/**
 * A glob as users write it for names: `*` any run of characters, `?` one character, everything
 * else literal. Matches the whole name.
 */
export function globToRegExp(glob: string): RegExp {
  const source = [...glob].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.+()[\]{}|/]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, 's');
}

/** True when any of the globs matches the name. */
export function matchesAny(globs: readonly RegExp[], name: string): boolean {
  return globs.some((re) => re.test(name));
}
