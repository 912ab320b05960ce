import { parseBoolean, parseDuration } from './parsers.ts';
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
    requestTimeoutMs: r.parse('request_timeout', (v) => within(parseDuration(v), 1_000, 600_000, '1s and 10m')) ?? 30_000,
    retryBudgetMs: r.parse('retry_budget', (v) => within(parseDuration(v), 0, 3_600_000, '0s and 1h')) ?? 120_000,
    allowInsecureHttp: r.parse('allow_insecure_http', parseBoolean) ?? false,
  };
}

function within(ms: number, min: number, max: number, range: string): number {
  if (ms < min || ms > max) throw new Error(`must be between ${range}`);
  return ms;
}
