import { t, type PlainKey } from '../messages/messages.ts';

// The answer codes the AI platform documents (docs/platform-facts.md#scnet-codes), with what to do
// about each: the words are in the catalog (src/messages/). `code` is a string in every answer; "0"
// is success.

interface Code {
  readonly meaning: PlainKey;
  readonly hint: PlainKey;
  /** A platform-side hiccup: the same request may succeed when repeated. */
  readonly transient?: boolean;
  /** About the account or token, not the containers: every further request would fail the same way. */
  readonly stop?: boolean;
}

/** A code as a message shows it: its meaning and hint in the job's language. */
export type CodeInfo = Omit<Code, 'meaning' | 'hint'> & { readonly meaning: string; readonly hint: string };

export const SCNET_CODES: Readonly<Record<string, Code>> = {
  '10001': { meaning: 'ai_code.10001', hint: 'ai_code.hint.platform_side', transient: true },
  '10003': { meaning: 'ai_code.10003', hint: 'ai_code.10003.hint' },
  '10004': { meaning: 'ai_code.10004', hint: 'ai_code.10004.hint' },
  '10007': { meaning: 'ai_code.10007', hint: 'ai_code.10007.hint', stop: true },
  // A public SCNet server's design document gives 10008 for an expired token too (docs/platform-facts.md#scnet-codes).
  '10008': { meaning: 'ai_code.10008', hint: 'ai_code.10008.hint', stop: true },
  '10009': { meaning: 'ai_code.10009', hint: 'ai_code.10009.hint', stop: true },
  '10010': { meaning: 'ai_code.10010', hint: 'ai_code.hint.see_docs' },
  '10011': { meaning: 'ai_code.10011', hint: 'ai_code.hint.see_docs' },
  '10012': { meaning: 'ai_code.10012', hint: 'ai_code.10012.hint', transient: true },
  '716866': { meaning: 'ai_code.716866', hint: 'ai_code.716866.hint' },
  '716020': { meaning: 'ai_code.716020', hint: 'ai_code.hint.platform_side', transient: true },
};

// The token APIs answer the same codes about the credentials, not about containers.
const TOKEN_API_CODES: Readonly<Record<string, Code>> = {
  '10003': { meaning: 'ai_code.10003', hint: 'ai_code.10003.token_hint', stop: true },
  '10004': { meaning: 'ai_code.10004', hint: 'ai_code.10004.token_hint', stop: true },
};

const UNDOCUMENTED: Code = { meaning: 'ai_code.undocumented', hint: 'ai_code.undocumented.hint' };

/** What a code means, as the API that answered it uses it: the token APIs speak of credentials. */
export function describeCode(code: string, api = ''): CodeInfo {
  const known = (TOKEN_APIS.has(api) ? TOKEN_API_CODES[code] : undefined) ?? SCNET_CODES[code] ?? UNDOCUMENTED;
  return { ...known, meaning: t(known.meaning), hint: t(known.hint) };
}

/** The names the token APIs go by in messages (src/scnet/tokens.ts). */
export const TOKEN_API = { password: 'get tokens', accessKey: 'get tokens (access key)' } as const;
const TOKEN_APIS: ReadonlySet<string> = new Set(Object.values(TOKEN_API));
