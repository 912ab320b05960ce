/** How every platform call is bounded and what it may use, whichever platform. */
export interface NetworkSettings {
  readonly requestTimeoutMs: number;
  /** The most time one call may spend in retries, its attempts included. */
  readonly retryBudgetMs: number;
  /** Plain http:// API URLs to other hosts than this machine are allowed. */
  readonly allowInsecureHttp: boolean;
}
