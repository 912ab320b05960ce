import { troubleshootingLink } from '../docs.ts';
import { ActionError } from '../errors.ts';
import { jsonObject, UnreadableAnswerError } from '../http/answer.ts';
import { excerpt } from '../http/excerpt.ts';
import { DryRunWriteError, isRetryable, type CallKind } from '../http/call-kind.ts';
import { mayHaveTakenEffect, PlatformError } from '../http/platform-error.ts';
import { httpRequest } from '../http/request.ts';
import { jobLocal } from '../job-scope.ts';
import { logRetry, withRetries, type CallLimits } from '../http/retry.ts';
import { addSecret } from '../secrets.ts';
import { describeErrcode } from './errcodes.ts';
import { TOKEN_ERRCODES, type IssuedToken, type TokenSource } from './tokens.ts';
import { t } from '../messages/messages.ts';

export interface WechatAnswer {
  errcode?: number;
  errmsg?: string;
  [field: string]: unknown;
}

export class WechatApiError extends PlatformError {
  readonly api: string;
  readonly errcode: number;
  readonly errmsg: string;
  /**
   * An earlier attempt of the same call may have reached WeChat, so its effect may already have
   * happened: a retried delete that answers "not found" most likely deleted on the first attempt.
   */
  readonly earlierAttemptMayHaveLanded: boolean;
  constructor(api: string, errcode: number, errmsg: string, earlierAttemptMayHaveLanded = false) {
    const info = describeErrcode(errcode);
    super(
      t('wechat.api_failed', { api, errcode, meaning: info.meaning, errmsg }),
      t('run.hint_link', { hint: info.hint, link: troubleshootingLink(`wechat-${errcode}`) }),
    );
    this.name = 'WechatApiError';
    this.api = api;
    this.errcode = errcode;
    this.errmsg = errmsg;
    this.earlierAttemptMayHaveLanded = earlierAttemptMayHaveLanded;
  }

  get transient(): boolean {
    return describeErrcode(this.errcode).transient === true;
  }

  get refused(): boolean {
    return describeErrcode(this.errcode).refused === true;
  }

  get retryAfterMs(): number | undefined {
    return describeErrcode(this.errcode).retryAfterMs;
  }
}

export interface WechatClientOptions extends CallLimits {
  readonly baseUrl: string;
  /** A dry run's client: only reads reach WeChat, so no forgotten branch can change anything. */
  readonly readOnly?: boolean;
}

export class WechatClient {
  readonly #options: WechatClientOptions;
  readonly #tokens: TokenSource;

  constructor(options: WechatClientOptions, tokens: TokenSource) {
    this.#options = options;
    this.#tokens = tokens;
  }

  get readOnly(): boolean {
    return this.#options.readOnly === true;
  }

  /**
   * POSTs to componenttcb/<api>; the token travels only as the access_token URL parameter. A token
   * WeChat calls invalid or expired is renewed once and the call sent again: WeChat refused it
   * before acting, so even a release may be repeated.
   */
  async call(api: string, body: Record<string, unknown>, kind: CallKind): Promise<WechatAnswer> {
    if (this.#options.readOnly && kind !== 'read') throw new DryRunWriteError(`componenttcb/${api}`);
    const send = (token: string) => {
      const url = new URL(`componenttcb/${api}`, withSlash(this.#options.baseUrl));
      url.searchParams.set('access_token', token);
      return postJson(this.#options, url, `componenttcb/${api}`, body, kind);
    };
    const token = await this.#tokens.current();
    try {
      return await send(token);
    } catch (err) {
      if (!(err instanceof WechatApiError && TOKEN_ERRCODES.has(err.errcode))) throw err;
      const fresh = await this.#tokens.renew(token);
      if (fresh === undefined) throw err;
      return send(fresh);
    }
  }
}

/** Obtains a component_access_token from the platform's own credentials, with how long it lives. */
export async function fetchComponentToken(
  options: WechatClientOptions,
  credentials: { component_appid: string; component_appsecret: string; component_verify_ticket: string },
): Promise<IssuedToken> {
  const url = new URL('cgi-bin/component/api_component_token', withSlash(options.baseUrl));
  const answer = await postJson(options, url, 'api_component_token', credentials, 'read');
  const token = answer.component_access_token;
  // Masked before anything else can print it.
  if (typeof token === 'string') addSecret(token);
  if (typeof token !== 'string' || !token) {
    throw new ActionError(t('wechat.no_component_token'), t('wechat.no_component_token.hint'));
  }
  // expires_in is 7200 in the docs; an answer without a readable one is taken for that.
  const seconds = typeof answer.expires_in === 'number' && answer.expires_in > 0 ? Math.min(answer.expires_in, 7200) : 7200;
  return { token, expiresInMs: seconds * 1000 };
}

// Counted in the one place every request to WeChat is sent, retries included: WeChat's daily quota
// (45009) is per account, so a run over many services says how much of it it may have used.
const requestsSent = jobLocal(() => ({ count: 0 }));

/** How many requests this job has sent to WeChat so far. */
export function wechatRequestsSent(): number {
  return requestsSent.get().count;
}

async function postJson(
  options: WechatClientOptions,
  url: URL,
  api: string,
  body: Record<string, unknown>,
  kind: CallKind,
): Promise<WechatAnswer> {
  let landed = false;
  return withRetries(
    async (_attempt, timeLeftMs) => {
      requestsSent.get().count++;
      const res = await httpRequest({
        label: t('wechat.label', { api }),
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        timeoutMs: Math.min(options.timeoutMs, timeLeftMs),
        cancellable: kind === 'read',
      });
      const answer = parseAnswer(api, res.body);
      // A change is confirmed only by the number 0 its documented answer carries (null, "0" or a
      // missing errcode confirm nothing); reads and the token API may leave errcode out on success.
      const errcode = kind === 'read' ? readErrcode(answer.errcode) : typeof answer.errcode === 'number' ? answer.errcode : undefined;
      if (errcode === undefined || !Number.isInteger(errcode)) throw new UnreadableAnswerError(api, t('wechat.answer_shape'), res.body);
      if (errcode !== 0) throw new WechatApiError(api, errcode, readErrmsg(answer.errmsg), landed);
      return answer;
    },
    (err) => isRetryable(err, kind),
    options.retry,
    (err, delayMs) => {
      landed ||= mayHaveTakenEffect(err);
      logRetry(err, delayMs, api);
    },
  );
}

function parseAnswer(api: string, body: string): WechatAnswer {
  const answer = jsonObject(body);
  if (!answer) throw new UnreadableAnswerError(api, t('wechat.answer_shape'), body);
  return answer;
}

/** errcode as a number, also when sent as a numeric string; absent is success; undefined for anything else. */
export function readErrcode(value: unknown): number | undefined {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*-?\d{1,10}\s*$/.test(value)) return Number(value);
  return undefined;
}

/** errmsg as one bounded line of text, whatever the platform sent. */
function readErrmsg(value: unknown): string {
  const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);
  return excerpt(text, 500);
}

function withSlash(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}
