import { matchesAny, parseGlob } from '../../glob.ts';
import type { Container } from '../../scnet/containers.ts';

// Which listed containers clean-containers deletes. A filter selects the active statuses only when
// the user lists them: a nightly cleanup must never kill a running job by accident. A status
// outside the documented six is unknown, and never selected: it may well be an active one.

export interface ContainerFilter {
  /** Canonical status names; the finished ones unless container_status lists others. */
  readonly statuses: readonly string[];
  /** Globs over instanceServiceName; empty matches every name. */
  readonly namePatterns: readonly string[];
  /** Only containers created longer ago than this; undefined for any age. */
  readonly olderThanMs: number | undefined;
  /** Lowercase task types; empty matches every type. */
  readonly taskTypes: readonly string[];
}

export interface Selection {
  readonly selected: readonly Container[];
  /** Left alone only because older_than was given and their age is unknown. */
  readonly unknownAge: number;
}

/** The listed containers the filter selects. Statuses compare case-insensitively. */
export function selectContainers(containers: readonly Container[], filter: ContainerFilter, now: number): Selection {
  const statuses = new Set(filter.statuses.map((s) => s.toLowerCase()));
  const names = filter.namePatterns.map(parseGlob);
  let unknownAge = 0;
  const selected = containers.filter((c) => {
    if (!c.statusKnown || !statuses.has(c.status.toLowerCase())) return false;
    if (names.length && !matchesAny(names, c.name)) return false;
    if (filter.taskTypes.length && !filter.taskTypes.includes(c.taskType.toLowerCase())) return false;
    if (filter.olderThanMs === undefined) return true;
    if (c.createdAt === undefined) {
      unknownAge++;
      return false;
    }
    return now - c.createdAt > filter.olderThanMs;
  });
  return { selected, unknownAge };
}
