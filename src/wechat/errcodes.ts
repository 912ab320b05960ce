// The errcodes the componenttcb documents (seeds 000, 001, 003), with what to do about each.

export interface ErrcodeInfo {
  readonly meaning: string;
  readonly hint: string;
  /** The platform asks to try again later: safe to retry where the call itself is safe to repeat. */
  readonly transient?: boolean;
}

const TOKEN_HINT =
  'the component_access_token is invalid or expired (it lasts 2 hours): refresh it, or give component_appid, component_appsecret and component_verify_ticket so the action fetches a fresh one';

export const ERRCODES: Readonly<Record<number, ErrcodeInfo>> = {
  [-1]: { meaning: 'system busy', hint: 'WeChat asked to retry later; re-run the job in a few minutes', transient: true },
  [-1000]: {
    meaning: 'system error',
    hint: 'a platform-side error; re-run the job, and report it in the Open Platform service-provider forum if it persists',
    transient: true,
  },
  40013: { meaning: 'invalid appid', hint: 'check component_appid: it must be the third-party platform appid' },
  40014: { meaning: 'invalid access_token', hint: TOKEN_HINT },
  40097: { meaning: 'invalid args', hint: 'a parameter was rejected: check env_id, service_name, version_name and the deploy settings' },
  40101: {
    meaning: 'missing parameter',
    hint: 'a required parameter is missing; this is a bug in the action unless deploy_options removed it',
  },
  40125: { meaning: 'invalid appsecret', hint: 'check component_appsecret' },
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
