import { clock } from '../clock.ts';
import { ActionError } from '../errors.ts';
import type { ReleaseService } from '../wechat/service.ts';
import { describeItems, type TrafficItem } from '../wechat/traffic-item.ts';
import type { VersionInfo } from '../wechat/version-list.ts';
import * as log from '../log.ts';
import { t } from '../messages/messages.ts';

// Every traffic split the action writes goes through a guard (Argo Rollouts' rule: notice when the
// live state is not the one you set, and stop rather than fight it):
// - before a write, the service must hold a split this run expects: the one it found, or the last
//   one it set (or the one it was sending when an answer got lost). Anything else means an
//   operator or another job moved the traffic: the guard stops, changing nothing.
// - after a write, the split is read back until the service holds it. An answer of errcode 0 is
//   not enough: a split the platform does not hold is a failure, never `traffic_set`.

/** The serving shares of a service: version → percent, versions at 0% left out. */
export type Split = ReadonlyMap<string, number>;

/** The split the versions hold; undefined when a share is unknown (then it matches no split). */
export function splitOf(versions: readonly VersionInfo[]): Split | undefined {
  if (versions.some((v) => v.flow_ratio === undefined)) return undefined;
  return new Map(versions.filter((v) => v.flow_ratio! > 0).map((v) => [v.version_name, v.flow_ratio!]));
}

export function splitOfItems(items: readonly TrafficItem[]): Split {
  return new Map(items.filter((i) => i.flow_ratio > 0).map((i) => [i.version_name, i.flow_ratio]));
}

export function sameSplit(a: Split | undefined, b: Split | undefined): boolean {
  return a !== undefined && b !== undefined && a.size === b.size && [...a].every(([name, share]) => b.get(name) === share);
}

/** "shop-api-001 90%, shop-api-003 10%", largest share first. */
export function formatSplit(split: Split | undefined): string {
  if (!split) return t('traffic.share_unknown');
  if (!split.size) return t('traffic.none_serving');
  return [...split]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([name, share]) => `${name} ${share}%`)
    .join(', ');
}

/** The split as a traffic_split input puts it back: `shop-api-006=100`, or JSON for several versions. */
export function asTrafficSplitInput(split: Split): string {
  const entries = [...split].sort((a, b) => b[1] - a[1]);
  return entries.length === 1 ? `${entries[0][0]}=${entries[0][1]}` : JSON.stringify(Object.fromEntries(entries));
}

/** The items that put a split in place: its shares, and 0 for every other version that serves now. */
export function itemsFor(split: Split, versions: readonly VersionInfo[]): TrafficItem[] {
  return [
    ...[...split].map(([version_name, flow_ratio]) => ({ version_name, flow_ratio })),
    ...versions
      .filter((v) => !split.has(v.version_name) && (v.flow_ratio ?? 0) > 0)
      .map((v) => ({ version_name: v.version_name, flow_ratio: 0 })),
  ];
}

/** Someone else moved the traffic: the action stopped without writing. */
export class TrafficMovedError extends ActionError {
  readonly expected: Split;
  readonly found: Split | undefined;
  /** when: as src/messages words it (release.when.*): "before the 50% step". */
  constructor(service: string, expected: Split, found: Split | undefined, when: string) {
    super(t('traffic.moved', { service, when, expected: formatSplit(expected), found: formatSplit(found) }), t('traffic.moved.hint'));
    this.name = 'TrafficMovedError';
    this.expected = expected;
    this.found = found;
  }
}

/** The platform answered the write without error, but does not hold the split. */
export class SplitNotHeldError extends ActionError {
  constructor(service: string, sent: Split, found: Split | undefined) {
    super(t('traffic.not_held', { service, sent: formatSplit(sent), found: formatSplit(found) }), t('traffic.not_held.hint'));
    this.name = 'SplitNotHeldError';
  }
}

/** Reads after a write before calling it not held: the platform may apply it a moment later. */
const READ_BACK_WAITS_MS = [0, 1_000, 2_000];

export class TrafficGuard {
  readonly service: ReleaseService;
  /** The splits the service may hold now without anyone else having moved it. */
  #expected: Split[];
  readonly #onSend: (split: Split) => void;

  /** versions: what the service held when read; onSend is told of each split before it is sent. */
  constructor(service: ReleaseService, versions: readonly VersionInfo[], onSend: (split: Split) => void = () => {}) {
    this.service = service;
    const split = splitOf(versions);
    this.#expected = split ? [split] : [];
    this.#onSend = onSend;
  }

  /** The split the service is expected to hold now (the last one confirmed). */
  get expected(): Split {
    return this.#expected.at(-1) ?? new Map();
  }

  /** Throws TrafficMovedError unless the versions hold a split this run expects. */
  verify(versions: readonly VersionInfo[], when: string): void {
    const found = splitOf(versions);
    if (!this.#expected.some((split) => sameSplit(split, found)))
      throw new TrafficMovedError(this.service.name, this.expected, found, when);
  }

  /** Reads the versions and verifies their split. */
  async check(when: string): Promise<VersionInfo[]> {
    const versions = await this.service.versions();
    this.verify(versions, when);
    return versions;
  }

  /** Sends the split once the service holds one this run expects; returns the versions read back holding it. */
  async set(items: readonly TrafficItem[], when: string): Promise<VersionInfo[]> {
    await this.check(when);
    return this.#write(items);
  }

  /** Puts this split back: its shares, and 0 for every other version that serves now. */
  async restore(split: Split, when: string): Promise<VersionInfo[]> {
    const versions = await this.check(when);
    return this.#write(itemsFor(split, versions));
  }

  async #write(items: readonly TrafficItem[]): Promise<VersionInfo[]> {
    const wanted = splitOfItems(items);
    // From here the service may hold either: an answer lost on the way back leaves the write unknown.
    this.#expected.push(wanted);
    this.#onSend(wanted);
    log.info(`setcspropotion: ${describeItems(items)}`);
    await this.service.setSplit(items);
    let found: Split | undefined;
    for (const wait of READ_BACK_WAITS_MS) {
      if (wait) await clock.sleep(wait);
      const versions = await this.service.versions();
      found = splitOf(versions);
      if (sameSplit(found, wanted)) {
        this.#expected = [wanted];
        return versions;
      }
    }
    throw new SplitNotHeldError(this.service.name, wanted, found);
  }
}
