// The answer codes the AI platform documents (docs/platform-facts.md#scnet-codes), with what to do about each. `code` is a
// string in every answer; "0" is success.

export interface CodeInfo {
  readonly meaning: string;
  readonly hint: string;
  /** A platform-side hiccup: the same request may succeed when repeated. */
  readonly transient?: boolean;
  /** About the account or token, not the containers: every further request would fail the same way. */
  readonly stop?: boolean;
}

export const SCNET_CODES: Readonly<Record<string, CodeInfo>> = {
  '10001': { meaning: 'internal error', hint: 'a platform-side error; re-run the job later', transient: true },
  '10003': {
    meaning: 'missing parameters',
    hint: 'a required parameter did not arrive; a proxy between the runner and the platform may drop request bodies or query strings',
  },
  '10004': { meaning: 'invalid parameters', hint: 'check the container IDs and the filter inputs' },
  '10007': {
    meaning: 'user frozen',
    hint: 'the account is frozen: ask the platform administrator (or check the account balance) before re-running',
    stop: true,
  },
  '10008': {
    meaning: 'insufficient permission',
    // A public SCNet server's design document gives 10008 for an expired token too (docs/platform-facts.md#scnet-codes).
    hint: 'the token may have expired (tokens live about 24 hours: give ai_user credentials so each run obtains a fresh one, or a new ai_token), or the user may not delete these containers: use a token of the user who owns them, or ask an administrator for the permission',
    stop: true,
  },
  '10009': {
    meaning: 'no permission for this API',
    hint: 'the token may not call container APIs: use a cluster\'s token (not the platform-only cluster 0 "ac"), and check that it has not expired',
    stop: true,
  },
  '10010': { meaning: 'file check failed', hint: 'see the platform documentation for this code' },
  '10011': { meaning: 'file too large', hint: 'see the platform documentation for this code' },
  '10012': { meaning: 'connection interrupted', hint: 'a platform-side connection failed; re-run the job later', transient: true },
  '716866': {
    meaning: 'delete task failed',
    hint: 'the platform could not delete the container: check its state in the console, then re-run',
  },
  '716020': { meaning: 'database query error', hint: 'a platform-side error; re-run the job later', transient: true },
};

// The token APIs answer the same codes about the credentials, not about containers.
const TOKEN_API_CODES: Readonly<Record<string, CodeInfo>> = {
  '10003': {
    meaning: 'missing parameters',
    hint: 'a credential header did not arrive: check that ai_user and ai_password with ai_org_id (or ai_access_key and ai_secret_key) are set for this workflow',
    stop: true,
  },
  '10004': {
    meaning: 'invalid parameters',
    hint: "the platform refused the credentials: check ai_user, ai_password and ai_org_id (or ai_access_key and ai_secret_key, and that the runner's clock is right: the signature carries a timestamp)",
    stop: true,
  },
};

/** What a code means, as the API that answered it uses it: the token APIs speak of credentials. */
export function describeCode(code: string, api = ''): CodeInfo {
  const known = (TOKEN_APIS.has(api) ? TOKEN_API_CODES[code] : undefined) ?? SCNET_CODES[code];
  return known ?? { meaning: 'undocumented code', hint: 'see the AI platform documentation for this code' };
}

/** The names the token APIs go by in messages (src/scnet/tokens.ts). */
export const TOKEN_API = { password: 'get tokens', accessKey: 'get tokens (access key)' } as const;
const TOKEN_APIS: ReadonlySet<string> = new Set(Object.values(TOKEN_API));
