/** "12.3": seconds with one decimal, as the duration_seconds output gives them. */
export function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}

/** "12.3s": how logs, messages and summaries show a duration. */
export function formatSeconds(ms: number): string {
  return `${seconds(ms)}s`;
}
