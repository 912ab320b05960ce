import type { Dispatcher } from 'undici';
import Agent from 'undici/lib/dispatcher/agent.js';
import request from 'undici/lib/api/api-request.js';
import { cancelledError, cancelSignal } from '../cancel.ts';
import { clock } from '../clock.ts';
import { formatSeconds } from '../duration.ts';
import { ActionError } from '../errors.ts';
import * as log from '../log.ts';
import { excerpt, scrub } from './excerpt.ts';
import { bypassesProxy, noProxyFromEnv } from './no-proxy.ts';
import { pools } from './pool.ts';
import { proxiesFromEnv, proxyConfigured } from './proxy-env.ts';
import { t } from '../messages/messages.ts';

export interface HttpRequest {
  /** Names the platform and API in messages, e.g. "WeChat componenttcb/getcsversionlist". */
  readonly label: string;
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly url: URL;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly timeoutMs: number;
  /** A read, ended at once by a cancel (src/cancel.ts); a write in flight is let finish, or its outcome would be unknown. */
  readonly cancellable?: boolean;
}

export interface HttpResponse {
  readonly status: number;
  readonly body: string;
}

export type HttpFailure =
  | 'connect' // the connection was never made: the request provably did not reach the server
  | 'tls' // the server's certificate was refused: nothing was sent, and retrying will not help
  | 'timeout'
  | 'reset'
  | 'status'
  | 'redirect'
  | 'too-large';

/**
 * A transport failure. Its message names the method, origin and path only: query strings may
 * carry tokens (WeChat's access_token), so they never appear in it.
 */
export class HttpError extends ActionError {
  readonly failure: HttpFailure;
  readonly status: number | undefined;
  /** The wait a 429 or 503 asked for in Retry-After. */
  readonly retryAfterMs: number | undefined;
  constructor(req: HttpRequest, failure: HttpFailure, detail: string, status?: number, retryAfterMs?: number) {
    // The detail may quote the server or undici, either of which may echo the URL with its token.
    const request = `${req.method} ${req.url.origin}${req.url.pathname}`;
    super(t('http.failed', { label: req.label, detail: scrub(withoutQueries(detail)), request }), HINTS[failure]?.(req));
    this.name = 'HttpError';
    this.failure = failure;
    this.status = status;
    this.retryAfterMs = retryAfterMs;
  }

  /** False only when the request provably never reached the server, so any call may be retried. */
  get mayHaveReachedServer(): boolean {
    return this.failure !== 'connect' && this.failure !== 'tls';
  }

  get isTransient(): boolean {
    if (this.failure === 'status') return this.status! >= 500 || this.status === 429;
    return this.failure === 'connect' || this.failure === 'timeout' || this.failure === 'reset';
  }
}

const reach = (req: HttpRequest) => t('http.reach.hint', { host: req.url.host });

const HINTS: Partial<Record<HttpFailure, (req: HttpRequest) => string>> = {
  connect: reach,
  tls: (req) => t('http.tls.hint', { host: req.url.host }),
  reset: reach,
  timeout: (req) => t('http.timeout.hint', { host: req.url.host }),
};

/** Answers larger than this are cut off (undici's maxResponseSize): a hostile or broken server must not exhaust memory. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

const CONNECT_FAILURES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
const TLS_FAILURES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
]);

const OPTIONS = {
  connect: { timeout: 10_000 },
  keepAliveTimeout: 10_000,
  headersTimeout: 0,
  bodyTimeout: 0,
  maxResponseSize: MAX_BODY_BYTES,
};

export async function dispatcherFor(url: URL): Promise<Dispatcher> {
  const pool = pools.get();
  if (!proxyConfigured() || bypassesProxy(url, noProxyFromEnv())) return (pool.direct ??= new Agent(OPTIONS));
  // Through HTTPS_PROXY / HTTP_PROXY; NO_PROXY is decided above. undici's whole index is loaded
  // only here: its ProxyAgent needs the request methods that the index gives every dispatcher.
  pool.proxied ??= import('undici').then(
    ({ EnvHttpProxyAgent }) => new EnvHttpProxyAgent({ ...OPTIONS, ...proxiesFromEnv(), noProxy: '' }),
  );
  return pool.proxied;
}

export async function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  log.debug(() => `${req.label}: ${describeRequest(req)}`);
  // One deadline for the whole exchange (connect, send, every byte of the answer): undici's own
  // timeouts bound only the gap between bytes, which an answer trickling in never exceeds.
  const deadline = AbortSignal.timeout(req.timeoutMs);
  const cancel = req.cancellable ? cancelSignal() : undefined;
  if (cancel?.aborted) throw cancelledError(cancel);
  const signal = cancel ? AbortSignal.any([deadline, cancel]) : deadline;
  let res: Dispatcher.ResponseData;
  try {
    res = await request.call(await dispatcherFor(req.url), {
      origin: req.url.origin,
      path: `${req.url.pathname}${req.url.search}`,
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal,
      // undici closes the connection after a GET that carries a body, unless told not to; the AI
      // platform's list call is documented that way, and a new connection per page costs a round trip.
      reset: req.method === 'GET' && req.body !== undefined ? false : undefined,
    });
  } catch (err) {
    throw transportError(req, err, deadline, cancel);
  }
  if (res.statusCode >= 300 && res.statusCode < 400) {
    await res.body.dump();
    throw new HttpError(req, 'redirect', t('http.redirect', { status: res.statusCode }), res.statusCode);
  }
  let body: string;
  try {
    body = await res.body.text();
  } catch (err) {
    throw transportError(req, err, deadline, cancel);
  }
  log.debug(() => `${req.label}: HTTP ${res.statusCode}, ${body.length} characters`);
  if (res.statusCode >= 400) {
    const detail = `HTTP ${res.statusCode}${body ? `: ${excerpt(body, 200)}` : ''}`;
    throw new HttpError(req, 'status', detail, res.statusCode, parseRetryAfter(res.headers['retry-after'], clock.wallNow()));
  }
  return { status: res.statusCode, body };
}

function transportError(req: HttpRequest, err: unknown, deadline: AbortSignal, cancel: AbortSignal | undefined): Error {
  if (cancel?.aborted) return cancelledError(cancel);
  if (deadline.aborted) return new HttpError(req, 'timeout', t('http.timed_out', { timeout: formatSeconds(req.timeoutMs) }));
  const code = (err as { code?: string }).code ?? '';
  const cause = (err as { cause?: { code?: string } }).cause?.code ?? '';
  if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') return new HttpError(req, 'too-large', t('http.too_large', { max: MAX_BODY_BYTES }));
  if (CONNECT_FAILURES.has(code) || CONNECT_FAILURES.has(cause)) {
    return new HttpError(req, 'connect', t('http.cannot_connect', { code: code || cause }));
  }
  if (TLS_FAILURES.has(code) || code.startsWith('ERR_TLS_')) {
    return new HttpError(req, 'tls', t('http.tls_refused', { code }));
  }
  return new HttpError(req, 'reset', t('http.connection_failed', { code: code || (err as Error).message || t('run.unknown') }));
}

/** Retry-After in milliseconds from now: delay-seconds or an HTTP date (RFC 9110 10.2.3); undefined for anything else. */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return undefined;
  if (/^\d{1,9}$/.test(text)) return Number(text) * 1000;
  const at = /^[a-z]{3},/i.test(text) ? Date.parse(text) : NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Every URL in the text cut before its query string or fragment (scrub() hides the rest). */
export function withoutQueries(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s?#]*)[?#][^\s)'"]*/gi, '$1');
}

// Query parameters whose values are credentials whatever the API (WeChat's access_token).
const SECRET_PARAM = /token|secret|password|key|signature|ticket/i;

/**
 * The shape of a request for debug logs: method, path, query and header names, the body's keys.
 * Values that may be credentials are never shown; the caller's redact() catches the rest.
 */
export function describeRequest(req: HttpRequest): string {
  const shown = new URLSearchParams();
  for (const [name, value] of req.url.searchParams) shown.append(name, SECRET_PARAM.test(name) ? '***' : value);
  const query = shown.toString();
  const path = `${req.url.origin}${req.url.pathname}${query ? `?${query.slice(0, 300)}` : ''}`;
  const headers = Object.keys(req.headers ?? {}).join(', ') || '(none)';
  return `${req.method} ${path} headers [${headers}] ${describeBody(req.body)}, timeout ${formatSeconds(req.timeoutMs)}`;
}

function describeBody(body: string | undefined): string {
  if (!body) return 'no body';
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return `body keys [${Object.keys(parsed).join(', ')}]`;
  } catch {
    // described by its size below
  }
  return `body of ${body.length} characters`;
}
