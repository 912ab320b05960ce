import { shielded } from '../cancel.ts';
import { clock } from '../clock.ts';
import { ActionError } from '../errors.ts';
import type { ReleaseService } from '../wechat/service.ts';
import { describeItems, type TrafficItem } from '../wechat/traffic-item.ts';
import { formatSplit, itemsFor, sameSplit, splitOf, splitOfItems, type Split } from './split.ts';
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

  /** Reads the versions; throws TrafficMovedError unless they hold a split this run expects. */
  async check(when: string): Promise<VersionInfo[]> {
    const versions = await this.service.versions();
    const found = splitOf(versions);
    if (!this.#expected.some((split) => sameSplit(split, found)))
      throw new TrafficMovedError(this.service.name, this.expected, found, when);
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

  /** Sent, then read back until held; a cancel meanwhile lets it finish, or its outcome would be unknown. */
  #write(items: readonly TrafficItem[]): Promise<VersionInfo[]> {
    return shielded(() => this.#writeAndConfirm(items));
  }

  async #writeAndConfirm(items: readonly TrafficItem[]): Promise<VersionInfo[]> {
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
