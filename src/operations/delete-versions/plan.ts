import { parseGlob, matchesAny } from '../../glob.ts';
import type { VersionSelection } from '../../inputs/delete-versions.ts';
import { formatChinaTime } from '../../china-time.ts';
import { quoted } from '../../errors.ts';
import type { VersionInfo } from '../../wechat/version-list.ts';
import { classifyStatus } from '../../wechat/version-status.ts';
import { t } from '../../messages/messages.ts';

export interface VersionReason {
  readonly version_name: string;
  readonly reason: string;
}

export interface DeletionPlan {
  /** Oldest first: the order to delete in, so an interrupted run has removed the oldest. */
  readonly remove: readonly VersionInfo[];
  /** Selected by the rules (or named) but not deleted: protected, or not selected by every rule. */
  readonly skipped: readonly VersionReason[];
  /** Named versions that must not or cannot be deleted: each one fails the step. */
  readonly refused: readonly VersionReason[];
  /** The plan deletes every version of the service, so the last delete may take the service too. */
  readonly removesAll: boolean;
}

type Verdict =
  | { readonly kind: 'remove' }
  | { readonly kind: 'ignore' } // not selected, and not named: not worth a line
  | { readonly kind: 'skip' | 'refuse'; readonly reason: string };

const REMOVE: Verdict = { kind: 'remove' };
const IGNORE: Verdict = { kind: 'ignore' };

/**
 * Decides, from the whole version list (newest first), what to delete. Pure: the safety rules
 * of delete-versions live here.
 * - A version is selected only if every given rule selects it (versions, version_pattern,
 *   keep_latest, older_than).
 * - Never deleted: a version matching exclude_pattern, one with traffic (or unknown traffic), one
 *   still being built or deployed, and, when no names are given, the newest version and any whose
 *   created_time cannot be read. Protected versions are skipped, or refused when named.
 */
export function planDeletion(versions: readonly VersionInfo[], selection: VersionSelection, now: number): DeletionPlan {
  const named = selection.names && new Set(selection.names);
  const patterns = selection.patterns?.map(parseGlob);
  const excludes = selection.excludes.map(parseGlob);
  const byAge = versions.filter((v) => v.createdAt !== undefined).sort((a, b) => b.createdAt! - a.createdAt!);
  const newest = byAge[0]?.version_name;
  const kept = new Set(byAge.slice(0, selection.keepLatest ?? 0).map((v) => v.version_name));
  const cutoff = selection.olderThanMs === undefined ? undefined : now - selection.olderThanMs;
  const usesTime = selection.keepLatest !== undefined || cutoff !== undefined;

  const verdict = (v: VersionInfo): Verdict => {
    const isNamed = named?.has(v.version_name) ?? false;
    if (named && !isNamed) return IGNORE;
    const unselected = (reason: string): Verdict => (isNamed ? { kind: 'skip', reason } : IGNORE);
    const protect = (reason: string): Verdict => ({ kind: isNamed ? 'refuse' : 'skip', reason });

    if (patterns && !matchesAny(patterns, v.version_name)) return unselected(t('plan.no_pattern_match'));
    if (v.createdAt === undefined && (usesTime || !named)) {
      const time = JSON.stringify(v.created_time);
      return { kind: 'skip', reason: usesTime ? t('plan.time_unreadable_rules', { time }) : t('plan.time_unreadable_newest', { time }) };
    }
    if (kept.has(v.version_name)) return unselected(t('plan.kept_latest', { count: selection.keepLatest! }));
    if (cutoff !== undefined && v.createdAt! >= cutoff) {
      return unselected(t('plan.not_older', { created: v.created_time, cutoff: formatChinaTime(cutoff) }));
    }
    if (matchesAny(excludes, v.version_name)) return { kind: 'skip', reason: t('plan.excluded') };
    if (v.flow_ratio === undefined) return protect(t('plan.flow_ratio_missing'));
    if (v.flow_ratio > 0) return protect(t('plan.receives_traffic', { flow_ratio: v.flow_ratio }));
    const state = classifyStatus(v.status);
    if (state === 'in-progress') return protect(t('plan.in_progress', { status: JSON.stringify(v.status) }));
    if (state === 'unknown') return protect(t('plan.status_unknown', { status: quoted(v.status, 40) }));
    if (!named && v.version_name === newest) return { kind: 'skip', reason: t('plan.newest') };
    return REMOVE;
  };

  const remove: VersionInfo[] = [];
  const skipped: VersionReason[] = [];
  const refused: VersionReason[] = [];
  for (const v of versions) {
    const result = verdict(v);
    if (result.kind === 'remove') remove.push(v);
    else if (result.kind === 'skip') skipped.push({ version_name: v.version_name, reason: result.reason });
    else if (result.kind === 'refuse') refused.push({ version_name: v.version_name, reason: result.reason });
  }
  const listed = new Set(versions.map((v) => v.version_name));
  for (const name of selection.names ?? []) {
    if (!listed.has(name)) refused.push({ version_name: name, reason: t('plan.missing') });
  }
  return { remove: remove.sort(oldestFirst), skipped, refused, removesAll: versions.length > 0 && remove.length === versions.length };
}

/** By creation time, whatever order the list came in; a version whose age is unknown (named, then) last. */
function oldestFirst(a: VersionInfo, b: VersionInfo): number {
  if (a.createdAt === undefined || b.createdAt === undefined) return a.createdAt === undefined ? (b.createdAt === undefined ? 0 : 1) : -1;
  return a.createdAt - b.createdAt;
}
