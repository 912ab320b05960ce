// An env file as dotenv reads it (motdotla/dotenv's documented rules): KEY=value lines, with an
// optional `export `; `#` starts a comment on a line of its own or after a value; a value in '',
// "" or `` may span lines and keeps its whitespace and any `#`, and a backslash before its quote
// character does not end it; in "" a \n and \r become a line break and a carriage return; an
// unquoted value ends at the first `#` and is trimmed. Where dotenv would guess, this says so
// instead, naming the line: a quote never closed, text after a closing quote, a line that is not
// KEY=value, a key given twice.

export interface EnvFile {
  /** key → value, in the order given. */
  readonly values: ReadonlyMap<string, string>;
  readonly problems: readonly string[];
  readonly warnings: readonly string[];
}

const KEY_LINE = /^\s*(?:export\s+)?([A-Za-z_][\w.-]*)\s*=[ \t]*(.*)$/;

export function parseEnvFile(text: string, file: string): EnvFile {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const values = new Map<string, string>();
  const problems: string[] = [];
  const warnings: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const where = `${file}:${i + 1}`;
    const trimmed = lines[i].trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const match = KEY_LINE.exec(lines[i]);
    if (!match) {
      problems.push(`${where}: not a KEY=value line${/^[A-Za-z_]\w*\s*:/.test(trimmed) ? ' (KEY: value is YAML; write KEY=value)' : ''}`);
      continue;
    }
    const [, key, rest] = match;
    if (values.has(key)) problems.push(`${where}: ${key} is given twice`);
    const quote = /^["'`]/.exec(rest)?.[0];
    if (!quote) {
      const hash = rest.indexOf('#');
      if (hash > 0 && /\S/.test(rest[hash - 1]))
        warnings.push(
          `${where}: the value of ${key} is cut at "#" (an unquoted # starts a comment); quote the value if the # belongs to it`,
        );
      values.set(key, (hash < 0 ? rest : rest.slice(0, hash)).trim());
      continue;
    }
    // A quoted value runs to its closing quote, on this line or a later one.
    let body = rest.slice(1);
    let last = i;
    let end = closingQuote(body, quote);
    while (end < 0 && last + 1 < lines.length) {
      body += `\n${lines[++last]}`;
      end = closingQuote(body, quote);
    }
    if (end < 0) {
      problems.push(`${where}: the value of ${key} opens a ${quote} quote that is never closed`);
      continue;
    }
    if (!/^\s*(#.*)?$/.test(body.slice(end + 1)))
      problems.push(`${file}:${last + 1}: text after the closing ${quote} of the value of ${key}; quote the whole value`);
    const value = body.slice(0, end);
    values.set(key, quote === '"' ? value.replace(/\\n/g, '\n').replace(/\\r/g, '\r') : value);
    i = last;
  }
  return { values, problems, warnings };
}

/** Where the quote closes: the first quote character not preceded by a backslash, or -1. */
function closingQuote(body: string, quote: string): number {
  for (let at = body.indexOf(quote); at >= 0; at = body.indexOf(quote, at + 1)) if (body[at - 1] !== '\\') return at;
  return -1;
}
