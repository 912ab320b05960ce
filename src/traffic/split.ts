import { ActionError } from '../errors.ts';
import type { TrafficItem } from '../wechat/traffic-item.ts';
import type { VersionInfo } from '../wechat/version-list.ts';
import { classifyStatus } from '../wechat/version-status.ts';
import { t } from '../messages/messages.ts';

// Traffic splits (setcspropotion, sic), shared by deploy, rollback and set-traffic. After a
// rollout `traffic` goes to the new version; the rest stays on the other versions that serve
// traffic now, in proportion to their current shares. Versions that end with 0 are listed too, so
// the platform cannot keep an old share beside them.

/** The split to send; throws when the rest has no version to go to. */
export function planTraffic(newVersion: string, traffic: number, versions: readonly VersionInfo[]): TrafficItem[] {
  const others = versions.filter((v) => v.version_name !== newVersion && (v.flow_ratio ?? 0) > 0);
  const rest = 100 - traffic;
  if (rest > 0 && others.length === 0) {
    throw new ActionError(t('traffic.no_other_version', { traffic, rest }), t('traffic.no_other_version.hint'));
  }
  const shares = proportional(
    rest,
    others.map((v) => v.flow_ratio!),
  );
  const items = [
    { version_name: newVersion, flow_ratio: traffic },
    ...others.map((v, i) => ({ version_name: v.version_name, flow_ratio: shares[i] })),
  ];
  const sum = items.reduce((total, item) => total + item.flow_ratio, 0);
  if (sum !== 100) throw new Error(`traffic split adds up to ${sum}, not 100: ${JSON.stringify(items)}`);
  return items;
}

/** Whole numbers summing to total, in proportion to weights (largest remainders round up). */
export function proportional(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const shares = exact.map(Math.floor);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const left = total - shares.reduce((a, b) => a + b, 0);
  for (const [, i] of byRemainder.slice(0, left)) shares[i] += 1;
  return shares;
}

/** The version that serves the largest share; undefined when none serves. */
export function mostServing(versions: readonly VersionInfo[]): VersionInfo | undefined {
  return versions.filter((v) => (v.flow_ratio ?? 0) > 0).sort((a, b) => b.flow_ratio! - a.flow_ratio!)[0];
}

/** The named version; otherwise an error naming it. */
export function existingVersion(name: string, versions: readonly VersionInfo[], service: string): VersionInfo {
  const version = versions.find((v) => v.version_name === name);
  if (version) return version;
  throw new ActionError(
    t('traffic.version_missing', { version: name, service }),
    t('traffic.version_missing.hint', { versions: versions.map((v) => v.version_name).join(', ') || t('traffic.no_versions') }),
  );
}

/** The named version, when it exists and is ready for traffic; otherwise an error naming it. */
export function readyVersion(name: string, versions: readonly VersionInfo[], service: string): VersionInfo {
  const version = existingVersion(name, versions, service);
  if (classifyStatus(version.status) !== 'ready') {
    throw new ActionError(
      t('traffic.version_not_ready', { version: name, service, status: version.status || t('release.no_status') }),
      t('traffic.version_not_ready.hint'),
    );
  }
  return version;
}

/** "shop-api-001 90%, shop-api-003 10%": the versions that serve traffic, largest share first. */
export function describeSplit(versions: readonly VersionInfo[]): string {
  return formatSplit(new Map(versions.filter((v) => (v.flow_ratio ?? 0) > 0).map((v) => [v.version_name, v.flow_ratio!])));
}

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
