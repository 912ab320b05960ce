import pkg from '../../../package.json' with { type: 'json' };
import { HttpError, httpRequest } from '../../http/request.ts';
import * as log from '../../log.ts';
import { t } from '../../messages/messages.ts';

// The canary's health gate: a GET of health_url that must answer 2xx within request_timeout.
// What the endpoint answers is the user's application talking: it reaches the log only (made safe
// there), cut short, and never the job summary.

export interface HealthResult {
  readonly ok: boolean;
  /** "HTTP 200", "HTTP 500", "timed out": safe to show anywhere. */
  readonly answer: string;
}

const SHOWN_CHARS = 200;

/** Says who is asking, so the application's logs can tell the gate's checks from users. */
const USER_AGENT = `cloudrun-release/${pkg.version} (health check)`;

export async function checkHealth(url: URL, timeoutMs: number): Promise<HealthResult> {
  // The URL may carry a token in its query: the label names the path only.
  const label = `health_url ${url.origin}${url.pathname}`;
  try {
    // httpRequest answers only 2xx: a redirect or an error status is an HttpError.
    const res = await httpRequest({ label, method: 'GET', url, timeoutMs, headers: { 'user-agent': USER_AGENT }, cancellable: true });
    return { ok: true, answer: `HTTP ${res.status}` };
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    // The message quotes the start of the answer's body.
    log.info(err.message.slice(0, SHOWN_CHARS));
    return {
      ok: false,
      answer: err.status
        ? `HTTP ${err.status}`
        : err.failure === 'timeout'
          ? t('release.health.timed_out')
          : t('release.health.no_answer', { failure: err.failure }),
    };
  }
}
