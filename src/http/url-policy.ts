import { quoted } from '../errors.ts';
import { t } from '../messages/messages.ts';

// The one rule for the platform API URLs the inputs give (and the AI host the center API names):
// tokens travel with every request, so plain http:// is refused unless the host is this machine
// or the user opts in with allow_insecure_http.

/**
 * Any http(s) URL. An error never shows a text with "@" in it (it may hold a user name and
 * password), nor anything after a "?" or "#" (a query may hold a token).
 */
export function parseHttpUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    const shown = raw.split(/[?#]/, 1)[0];
    const url = quoted(shown, 200);
    throw new Error(
      raw.includes('@') ? t('input.not_url_at') : shown.length < raw.length ? t('input.not_url_cut', { url }) : t('input.not_url', { url }),
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(t('input.url_protocol', { protocol: url.protocol }));
  return url;
}

/** An http(s) base URL without query or fragment, trailing slashes removed. */
export function parseApiUrl(raw: string, allowInsecureHttp: boolean): string {
  const url = parseHttpUrl(raw);
  if (url.search || url.hash) throw new Error(t('input.url_query'));
  if (url.username || url.password) throw new Error(t('input.url_credentials'));
  const problem = insecureHttpProblem(url, allowInsecureHttp);
  if (problem) throw new Error(problem);
  return url.toString().replace(/\/+$/, '');
}

/** Why this URL may not be used, or undefined when it may. */
function insecureHttpProblem(url: URL, allowInsecureHttp: boolean): string | undefined {
  if (url.protocol !== 'http:' || allowInsecureHttp || isLoopback(url.hostname)) return undefined;
  return t('input.url_plain_http', { origin: url.origin });
}

/** localhost, 127.0.0.0/8 and ::1: requests to them never leave the machine. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}
