import { parseBoolean, parseDurationWithin } from './parsers.ts';
import type { NetworkSettings } from '../http/settings.ts';
import type { InputReader } from './reader.ts';

/** The network inputs every operation shares. */
export function readNetwork(r: InputReader): NetworkSettings {
  return {
    requestTimeoutMs: r.value('request_timeout', (v) => parseDurationWithin(v, '1s', '10m')),
    retryBudgetMs: r.value('retry_budget', (v) => parseDurationWithin(v, '0s', '1h')),
    allowInsecureHttp: r.value('allow_insecure_http', parseBoolean),
  };
}
