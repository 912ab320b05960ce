import * as log from '../../log.ts';
import type { ClusterCleanup } from '../../result/result.ts';
import type { UnreadableRecord } from '../../scnet/containers.ts';
import { t } from '../../messages/messages.ts';

// Anyone on the account can create a container, so one odd record must not stop every cleanup:
// a record the action cannot read is skipped, and said (escaped) once in a warning and the summary.

const SHOWN = 10;

/** Keeps the records not noted before, and warns about them. */
export function noteUnreadable(out: ClusterCleanup, records: readonly UnreadableRecord[]): void {
  const known = new Set(out.unreadable.map((u) => u.shown));
  const fresh = records.filter((u) => !known.has(u.shown) && known.add(u.shown));
  if (!fresh.length) return;
  out.unreadable.push(...fresh);
  const shown = fresh.slice(0, SHOWN).map((u) => `  - ${u.shown}: ${u.reason}`);
  const more = fresh.length > SHOWN ? [`  - ${t('clean.unreadable_more', { count: fresh.length - SHOWN })}`] : [];
  log.warning(`${t('clean.unreadable', { count: fresh.length })}\n${[...shown, ...more].join('\n')}`);
}
