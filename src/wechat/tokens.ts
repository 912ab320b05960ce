import { clock } from '../clock.ts';
import { formatSeconds } from '../duration.ts';
import type { WechatCredentials } from './settings.ts';
import * as log from '../log.ts';
import { t } from '../messages/messages.ts';

// The component_access_token a client sends. It lives 2 hours (expires_in) and may die sooner, when
// a newer one replaces it (docs/platform-facts.md#component-token). With the platform's own
// credentials the action renews it before its end, and once more when WeChat calls it invalid or
// expired; a token given as access_token cannot be renewed here.

/** The errcodes that say the token, not the call, was refused: the call may be sent again with a fresh one. */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001]);

export interface TokenSource {
  /** The token to send now; renewed first when its end is near. */
  current(): Promise<string>;
  /** WeChat refused `rejected`: a fresh token, or undefined when none can be had. */
  renew(rejected: string): Promise<string | undefined>;
}

/** What fetching a token gives: the token and how long WeChat says it lives. */
export interface IssuedToken {
  readonly token: string;
  readonly expiresInMs: number;
}

/** Renewed this long before WeChat's expires_in runs out, so no call is sent with a token about to die. */
const RENEW_BEFORE_MS = 10 * 60_000;

export function tokenSource(credentials: WechatCredentials, fetch: () => Promise<IssuedToken>): TokenSource {
  if (credentials.kind === 'token') {
    return { current: () => Promise.resolve(credentials.access_token), renew: () => Promise.resolve(undefined) };
  }
  let issued: Promise<{ token: string; renewAt: number }> | undefined;
  const obtain = () =>
    (issued = fetch().then(({ token, expiresInMs }) => ({ token, renewAt: clock.now() + Math.max(0, expiresInMs - RENEW_BEFORE_MS) })));
  /** A new token, unless another call obtained one since `seen` was read: one new token, not one per call. */
  const renewFrom = async (seen: typeof issued, why: string) => {
    if (issued !== seen) return (await issued!).token;
    log.info(why);
    return (await obtain()).token;
  };
  return {
    async current() {
      const seen = issued ?? obtain();
      const held = await seen;
      if (clock.now() < held.renewAt) return held.token;
      return renewFrom(seen, t('wechat.token_near_end'));
    },
    async renew(rejected) {
      const seen = issued ?? obtain();
      const held = await seen;
      if (held.token !== rejected) return held.token;
      return renewFrom(seen, t('wechat.token_refused'));
    },
  };
}

/** A warning, at the start, for a plan that outlives a token the action cannot renew. */
export function warnIfTokenOutlived(credentials: WechatCredentials, plannedMs: number): void {
  const life = 2 * 3_600_000;
  if (credentials.kind === 'token' && plannedMs > life) log.warning(t('wechat.token_outlived', { duration: formatSeconds(plannedMs) }));
}
