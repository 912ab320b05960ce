import { parseBoolean, parseDurationWithin } from './parsers.ts';
import type { InputReader } from './reader.ts';

export interface NetworkSettings {
  readonly requestTimeoutMs: number;
  /** The most time one call may spend in retries, its attempts included. */
  readonly retryBudgetMs: number;
  /** Plain http:// API URLs to other hosts than this machine are allowed. */
  readonly allowInsecureHttp: boolean;
}

/** The network inputs every operation shares. */
export function readNetwork(r: InputReader): NetworkSettings {
  return {
    requestTimeoutMs: r.parse('request_timeout', (v) => parseDurationWithin(v, '1s', '10m')) ?? 30_000,
    retryBudgetMs: r.parse('retry_budget', (v) => parseDurationWithin(v, '0s', '1h')) ?? 120_000,
    allowInsecureHttp: r.parse('allow_insecure_http', parseBoolean) ?? false,
  };
}
