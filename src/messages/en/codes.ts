// What each documented platform code means and what to do about it: the rows of
// docs/troubleshooting.md, read by src/wechat/errcodes.ts and src/scnet/codes.ts.
export const codes = {
  // WeChat errcodes
  'errcode.-1': 'system busy',
  'errcode.-1.hint': 'WeChat asked to retry later; re-run the job in a few minutes',
  'errcode.-1000': 'system error',
  'errcode.-1000.hint': 'a platform-side error; re-run the job, and report it in the Open Platform service-provider forum if it persists',
  'errcode.40001': 'invalid credential, access_token is invalid or not latest',
  'errcode.40013': 'invalid appid',
  'errcode.40013.hint': 'check component_appid: it must be the third-party platform appid',
  'errcode.40014': 'invalid access_token',
  'errcode.40097': 'invalid args',
  'errcode.40097.hint': 'a parameter was rejected: check env_id, service_name, version_name and the deploy settings',
  'errcode.40101': 'missing parameter',
  'errcode.40101.hint': 'a required parameter is missing; this is a bug in the action unless deploy_options removed it',
  'errcode.40125': 'invalid appsecret',
  'errcode.40125.hint':
    "check component_appsecret: it must be the third-party platform's AppSecret (reset it in the Open Platform console if unsure)",
  'errcode.40164': 'invalid ip, not in whitelist',
  'errcode.41001': 'access_token missing',
  'errcode.41004': 'appsecret missing',
  'errcode.41004.hint':
    'component_appsecret is empty or did not arrive: check that the secret is set for this workflow (secrets are not given to workflows from forks)',
  'errcode.42001': 'access_token expired',
  'errcode.43002': 'require POST method',
  'errcode.43002.hint': 'wechat_api_url may point at a proxy that rewrites requests',
  'errcode.44002': 'empty post data',
  'errcode.44002.hint': 'wechat_api_url may point at a proxy that drops request bodies',
  'errcode.45009': 'daily quota reached',
  'errcode.45009.hint':
    "the API's daily call quota is used up (it resets at midnight, China time): do not fetch a new token in every job; pass access_token from a token cached centrally, or reset the quota in the Open Platform console",
  'errcode.45011': 'minute quota reached',
  'errcode.45011.hint':
    'too many calls this minute (many matrix jobs at once): retried automatically after a minute within retry_budget; raise retry_budget, or limit the matrix with max-parallel',
  'errcode.47001': 'data format error',
  'errcode.47001.hint': 'the request body was not understood; check deploy_options and service_options for wrong field types',
  'errcode.48001': 'api unauthorized',
  'errcode.48001.hint':
    'the app has not authorised this API to the third-party platform: have the app administrator authorise the Cloud Hosting permission set to your platform',
  'errcode.61004': 'access clientip is not registered',
  'errcode.61005': 'component ticket is expired',
  'errcode.61006': 'component ticket is invalid',
  'errcode.61007': 'api is unauthorized to component',
  'errcode.61007.hint':
    'the app has not authorised this API (the Cloud Hosting permission set) to your third-party platform: have the app administrator authorise it again',
  'errcode.61011': 'invalid component',
  'errcode.61011.hint': 'check component_appid: it must be the appid of a third-party platform that is fully published',
  'errcode.61014': 'must use component token for component api',
  'errcode.61014.hint': "access_token must be the third-party platform's component_access_token, not an app's or authorizer's access_token",
  'errcode.85088': 'no qbase privilege',
  'errcode.85088.hint': 'Cloud Hosting (cloud development) is not enabled for this app: enable it for the environment, and check env_id',
  'errcode.hint.token':
    'the component_access_token is invalid or expired (it lasts 2 hours, less when a newer one replaces it): with component_appid, component_appsecret and component_verify_ticket the action renews it itself; a token given as access_token must come fresh from your token service',
  'errcode.hint.ip_whitelist':
    "the runner's IP address is not on the third-party platform's IP whitelist (Open Platform console, development settings). GitHub-hosted runners change IP addresses on every job: use a self-hosted runner or an egress proxy with a fixed IP that is on the whitelist, or pass access_token from the platform's own token service instead of fetching one here",
  'errcode.hint.ticket':
    "WeChat pushes a new component_verify_ticket to your platform every 10 minutes and each one lasts 12 hours, so a ticket stored as a static secret fails the next day: read the current ticket from your platform's ticket store in an earlier step, or pass access_token from your token service instead",
  'errcode.undocumented': 'undocumented errcode',
  'errcode.undocumented.hint': 'see the WeChat Open Platform documentation for this errcode',

  // AI platform codes
  'ai_code.10001': 'internal error',
  'ai_code.10003': 'missing parameters',
  'ai_code.10003.hint':
    'a required parameter did not arrive; a proxy between the runner and the platform may drop request bodies or query strings',
  'ai_code.10003.token_hint':
    'a credential header did not arrive: check that ai_user and ai_password with ai_org_id (or ai_access_key and ai_secret_key) are set for this workflow',
  'ai_code.10004': 'invalid parameters',
  'ai_code.10004.hint': 'check the container IDs and the filter inputs',
  'ai_code.10004.token_hint':
    "the platform refused the credentials: check ai_user, ai_password and ai_org_id (or ai_access_key and ai_secret_key, and that the runner's clock is right: the signature carries a timestamp)",
  'ai_code.10007': 'user frozen',
  'ai_code.10007.hint': 'the account is frozen: ask the platform administrator (or check the account balance) before re-running',
  'ai_code.10008': 'insufficient permission',
  'ai_code.10008.hint':
    'the token may have expired (tokens live about 24 hours: give ai_user credentials so each run obtains a fresh one, or a new ai_token), or the user may not delete these containers: use a token of the user who owns them, or ask an administrator for the permission',
  'ai_code.10009': 'no permission for this API',
  'ai_code.10009.hint':
    'the token may not call container APIs: use a cluster\'s token (not the platform-only cluster 0 "ac"), and check that it has not expired',
  'ai_code.10010': 'file check failed',
  'ai_code.10011': 'file too large',
  'ai_code.10012': 'connection interrupted',
  'ai_code.10012.hint': 'a platform-side connection failed; re-run the job later',
  'ai_code.716866': 'delete task failed',
  'ai_code.716866.hint': 'the platform could not delete the container: check its state in the console, then re-run',
  'ai_code.716020': 'database query error',
  'ai_code.hint.platform_side': 'a platform-side error; re-run the job later',
  'ai_code.hint.see_docs': 'see the platform documentation for this code',
  'ai_code.undocumented': 'undocumented code',
  'ai_code.undocumented.hint': 'see the AI platform documentation for this code',
} as const;
