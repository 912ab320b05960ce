import { HttpError, httpRequest } from '../../http/request.ts';
import * as log from '../../log.ts';

// The canary's health gate: a GET of health_url that must answer 2xx within request_timeout.
// What the endpoint answers is the user's application talking: it reaches the log only (made safe
// there), cut short, and never the job summary.

export interface HealthResult {
  readonly ok: boolean;
  /** "HTTP 200", "HTTP 500", "timed out": safe to show anywhere. */
  readonly answer: string;
}

const SHOWN_CHARS = 200;

export async function checkHealth(url: URL, timeoutMs: number): Promise<HealthResult> {
  // The URL may carry a token in its query: the label names the path only.
  const label = `health_url ${url.origin}${url.pathname}`;
  try {
    const res = await httpRequest({ label, method: 'GET', url, timeoutMs });
    if (res.status >= 200 && res.status < 300) return { ok: true, answer: `HTTP ${res.status}` };
    log.info(`${label} answered HTTP ${res.status}: ${res.body.slice(0, SHOWN_CHARS)}`);
    return { ok: false, answer: `HTTP ${res.status}` };
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    log.info(err.message.slice(0, SHOWN_CHARS * 2));
    return { ok: false, answer: err.status ? `HTTP ${err.status}` : describeFailure(err) };
  }
}

function describeFailure(err: HttpError): string {
  switch (err.failure) {
    case 'timeout':
      return 'timed out';
    case 'connect':
      return 'could not connect';
    case 'redirect':
      return 'redirect (not followed)';
    default:
      return `failed (${err.failure})`;
  }
}
