import { parseBoolean, parseDurationWithin } from './parsers.ts';
import type { NetworkSettings } from '../http/settings.ts';
import type { InputReader } from './reader.ts';

/** The network inputs every operation shares. */
export function readNetwork(r: InputReader): NetworkSettings {
  return {
    requestTimeoutMs: r.parse('request_timeout', (v) => parseDurationWithin(v, '1s', '10m')) ?? 30_000,
    retryBudgetMs: r.parse('retry_budget', (v) => parseDurationWithin(v, '0s', '1h')) ?? 120_000,
    allowInsecureHttp: r.parse('allow_insecure_http', parseBoolean) ?? false,
  };
}
