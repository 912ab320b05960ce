import { t, type PlainKey } from '../messages/messages.ts';

// The errcodes componenttcb documents and those of the token API and the global table a user meets
// first (docs/platform-facts.md#wechat-errcodes, #component-token), with what to do about each: the
// words are in the catalog (src/messages/), in every language.

interface Errcode {
  readonly meaning: PlainKey;
  readonly hint: PlainKey;
  /** The platform asks to try again later: safe to retry where the call itself is safe to repeat. */
  readonly transient?: boolean;
  /** The request was refused before it was processed (a quota), so even a write may be repeated. */
  readonly refused?: boolean;
  /** How long to wait before the next attempt. */
  readonly retryAfterMs?: number;
}

/** An errcode as a message shows it: its meaning and hint in the job's language. */
export type ErrcodeInfo = Omit<Errcode, 'meaning' | 'hint'> & { readonly meaning: string; readonly hint: string };

const TOKEN_HINT = 'errcode.hint.token';
const IP_WHITELIST_HINT = 'errcode.hint.ip_whitelist';
const TICKET_HINT = 'errcode.hint.ticket';

export const ERRCODES: Readonly<Record<number, Errcode>> = {
  [-1]: { meaning: 'errcode.-1', hint: 'errcode.-1.hint', transient: true },
  [-1000]: { meaning: 'errcode.-1000', hint: 'errcode.-1000.hint', transient: true },
  40001: { meaning: 'errcode.40001', hint: TOKEN_HINT },
  40013: { meaning: 'errcode.40013', hint: 'errcode.40013.hint' },
  40014: { meaning: 'errcode.40014', hint: TOKEN_HINT },
  40097: { meaning: 'errcode.40097', hint: 'errcode.40097.hint' },
  40101: { meaning: 'errcode.40101', hint: 'errcode.40101.hint' },
  40125: { meaning: 'errcode.40125', hint: 'errcode.40125.hint' },
  40164: { meaning: 'errcode.40164', hint: IP_WHITELIST_HINT },
  41004: { meaning: 'errcode.41004', hint: 'errcode.41004.hint' },
  45009: { meaning: 'errcode.45009', hint: 'errcode.45009.hint' },
  45011: { meaning: 'errcode.45011', hint: 'errcode.45011.hint', transient: true, refused: true, retryAfterMs: 60_000 },
  48001: { meaning: 'errcode.48001', hint: 'errcode.48001.hint' },
  61004: { meaning: 'errcode.61004', hint: IP_WHITELIST_HINT },
  61005: { meaning: 'errcode.61005', hint: TICKET_HINT },
  61006: { meaning: 'errcode.61006', hint: TICKET_HINT },
  61007: { meaning: 'errcode.61007', hint: 'errcode.61007.hint' },
  61011: { meaning: 'errcode.61011', hint: 'errcode.61011.hint' },
  61014: { meaning: 'errcode.61014', hint: 'errcode.61014.hint' },
  41001: { meaning: 'errcode.41001', hint: TOKEN_HINT },
  42001: { meaning: 'errcode.42001', hint: TOKEN_HINT },
  43002: { meaning: 'errcode.43002', hint: 'errcode.43002.hint' },
  44002: { meaning: 'errcode.44002', hint: 'errcode.44002.hint' },
  47001: { meaning: 'errcode.47001', hint: 'errcode.47001.hint' },
  85088: { meaning: 'errcode.85088', hint: 'errcode.85088.hint' },
};

const UNDOCUMENTED: Errcode = { meaning: 'errcode.undocumented', hint: 'errcode.undocumented.hint' };

export function describeErrcode(errcode: number): ErrcodeInfo {
  const known = ERRCODES[errcode] ?? UNDOCUMENTED;
  return { ...known, meaning: t(known.meaning), hint: t(known.hint) };
}
