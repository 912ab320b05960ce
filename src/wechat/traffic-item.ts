// One entry of setcspropotion's items (docs/platform-facts.md#traffic-split). Kept apart from the
// client, so that what only shows a split (the summary) does not load the HTTP stack at start-up.

export interface TrafficItem {
  readonly version_name: string;
  readonly flow_ratio: number;
}

/** "api-003 10%, api-002 90%": a split as logs and summaries show it. */
export function describeItems(items: readonly TrafficItem[]): string {
  return items.map((i) => `${i.version_name} ${i.flow_ratio}%`).join(', ');
}
