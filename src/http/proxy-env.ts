import { jobEnv } from '../job-scope.ts';
import { addSecret } from '../secrets.ts';

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

/** Whether any proxy variable is set: without one, every request goes straight to its host. */
export function proxyConfigured(env: NodeJS.ProcessEnv = jobEnv()): boolean {
  return PROXY_VARIABLES.some((name) => env[name]);
}

/**
 * The proxies of the job's environment, for undici's EnvHttpProxyAgent, which would otherwise read
 * process.env: in a test run several jobs share one process. Lower case first, as undici reads them.
 */
export function proxiesFromEnv(env: NodeJS.ProcessEnv = jobEnv()): { httpProxy: string; httpsProxy: string } {
  // '' rather than undefined: undici falls back to process.env for a value left undefined.
  return { httpProxy: env.http_proxy ?? env.HTTP_PROXY ?? '', httpsProxy: env.https_proxy ?? env.HTTPS_PROXY ?? '' };
}

/** Proxy URLs may carry user:password; mask them before anything can log them. */
export function maskProxyCredentials(env: NodeJS.ProcessEnv = jobEnv()): void {
  for (const name of PROXY_VARIABLES) {
    const value = env[name];
    if (!value) continue;
    try {
      const { password } = new URL(value);
      if (!password) continue;
      addSecret(password);
      // As the proxy receives it; a literal % that starts no escape is the password as written.
      addSecret(decoded(password));
    } catch {
      // Not a URL: undici will refuse it with its own error, which holds no credentials of ours.
    }
  }
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
