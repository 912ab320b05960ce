// The errcodes componenttcb documents and those of the token API and the global table a user meets
// first (docs/platform-facts.md#wechat-errcodes, #component-token), with what to do about each.

export interface ErrcodeInfo {
  readonly meaning: string;
  readonly hint: string;
  /** The platform asks to try again later: safe to retry where the call itself is safe to repeat. */
  readonly transient?: boolean;
  /** The request was refused before it was processed (a quota), so even a write may be repeated. */
  readonly refused?: boolean;
  /** How long to wait before the next attempt. */
  readonly retryAfterMs?: number;
}

const TOKEN_HINT =
  'the component_access_token is invalid or expired (it lasts 2 hours, less when a newer one replaces it): with component_appid, component_appsecret and component_verify_ticket the action renews it itself; a token given as access_token must come fresh from your token service';

const IP_WHITELIST_HINT =
  "the runner's IP address is not on the third-party platform's IP whitelist (Open Platform console, development settings). GitHub-hosted runners change IP addresses on every job: use a self-hosted runner or an egress proxy with a fixed IP that is on the whitelist, or pass access_token from the platform's own token service instead of fetching one here";
const TICKET_HINT =
  "WeChat pushes a new component_verify_ticket to your platform every 10 minutes and each one lasts 12 hours, so a ticket stored as a static secret fails the next day: read the current ticket from your platform's ticket store in an earlier step, or pass access_token from your token service instead";

export const ERRCODES: Readonly<Record<number, ErrcodeInfo>> = {
  [-1]: { meaning: 'system busy', hint: 'WeChat asked to retry later; re-run the job in a few minutes', transient: true },
  [-1000]: {
    meaning: 'system error',
    hint: 'a platform-side error; re-run the job, and report it in the Open Platform service-provider forum if it persists',
    transient: true,
  },
  40001: { meaning: 'invalid credential, access_token is invalid or not latest', hint: TOKEN_HINT },
  40013: { meaning: 'invalid appid', hint: 'check component_appid: it must be the third-party platform appid' },
  40014: { meaning: 'invalid access_token', hint: TOKEN_HINT },
  40097: { meaning: 'invalid args', hint: 'a parameter was rejected: check env_id, service_name, version_name and the deploy settings' },
  40101: {
    meaning: 'missing parameter',
    hint: 'a required parameter is missing; this is a bug in the action unless deploy_options removed it',
  },
  40125: {
    meaning: 'invalid appsecret',
    hint: "check component_appsecret: it must be the third-party platform's AppSecret (reset it in the Open Platform console if unsure)",
  },
  40164: { meaning: 'invalid ip, not in whitelist', hint: IP_WHITELIST_HINT },
  41004: {
    meaning: 'appsecret missing',
    hint: 'component_appsecret is empty or did not arrive: check that the secret is set for this workflow (secrets are not given to workflows from forks)',
  },
  45009: {
    meaning: 'daily quota reached',
    hint: "the API's daily call quota is used up (it resets at midnight, China time): do not fetch a new token in every job; pass access_token from a token cached centrally, or reset the quota in the Open Platform console",
  },
  45011: {
    meaning: 'minute quota reached',
    hint: 'too many calls this minute (many matrix jobs at once): retried automatically after a minute within retry_budget; raise retry_budget, or limit the matrix with max-parallel',
    transient: true,
    refused: true,
    retryAfterMs: 60_000,
  },
  48001: {
    meaning: 'api unauthorized',
    hint: 'the app has not authorised this API to the third-party platform: have the app administrator authorise the Cloud Hosting permission set to your platform',
  },
  61004: { meaning: 'access clientip is not registered', hint: IP_WHITELIST_HINT },
  61005: { meaning: 'component ticket is expired', hint: TICKET_HINT },
  61006: { meaning: 'component ticket is invalid', hint: TICKET_HINT },
  61007: {
    meaning: 'api is unauthorized to component',
    hint: 'the app has not authorised this API (the Cloud Hosting permission set) to your third-party platform: have the app administrator authorise it again',
  },
  61011: {
    meaning: 'invalid component',
    hint: 'check component_appid: it must be the appid of a third-party platform that is fully published',
  },
  61014: {
    meaning: 'must use component token for component api',
    hint: "access_token must be the third-party platform's component_access_token, not an app's or authorizer's access_token",
  },
  41001: { meaning: 'access_token missing', hint: TOKEN_HINT },
  42001: { meaning: 'access_token expired', hint: TOKEN_HINT },
  43002: { meaning: 'require POST method', hint: 'wechat_api_url may point at a proxy that rewrites requests' },
  44002: { meaning: 'empty post data', hint: 'wechat_api_url may point at a proxy that drops request bodies' },
  47001: {
    meaning: 'data format error',
    hint: 'the request body was not understood; check deploy_options and service_options for wrong field types',
  },
  85088: {
    meaning: 'no qbase privilege',
    hint: 'Cloud Hosting (cloud development) is not enabled for this app: enable it for the environment, and check env_id',
  },
};

export function describeErrcode(errcode: number): ErrcodeInfo {
  return ERRCODES[errcode] ?? { meaning: 'undocumented errcode', hint: 'see the WeChat Open Platform documentation for this errcode' };
}
