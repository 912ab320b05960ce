import type { RollbackConfig, SetTrafficConfig } from '../../inputs/traffic.ts';
import type { TrafficResult } from '../../result/result.ts';
import { CancelledError, shielded } from '../../cancel.ts';
import { ActionError } from '../../errors.ts';
import { TrafficGuard, TrafficMovedError } from '../../traffic/guard.ts';
import { openJournal } from '../../traffic/journal.ts';
import { formatSplit, itemsFor, mostServing, splitOf, splitOfItems } from '../../traffic/split.ts';
import { connectWechat } from '../../wechat/connect.ts';
import { API, CloudService } from '../../wechat/service.ts';
import { describeItems, type TrafficItem } from '../../wechat/traffic-item.ts';
import type { VersionInfo } from '../../wechat/version-list.ts';
import * as log from '../../log.ts';
import { t } from '../../messages/messages.ts';

// rollback and set-traffic: read the versions, choose the shares, send them in one
// setcspropotion call. A dry run reads the same and stops before the call.

export interface Shift {
  /** The version that serves the most traffic afterwards: the version_name output. */
  readonly version_name: string;
  /** Version → percent for the versions that get traffic. */
  readonly shares: Readonly<Record<string, number>>;
}

export function beginShift(config: RollbackConfig | SetTrafficConfig): TrafficResult {
  return {
    operation: config.operation,
    dryRun: config.dryRun,
    env_id: config.target.env_id,
    service_name: config.target.service_name,
    version_name: '',
    previous_version: '',
    status: '',
    wouldSend: [],
  };
}

export async function shiftTraffic(
  config: RollbackConfig | SetTrafficConfig,
  result: TrafficResult,
  choose: (versions: readonly VersionInfo[]) => Shift,
): Promise<void> {
  const { service, before } = await beforeTheWrite(async () => {
    const client = await connectWechat(config.target, config.network, config.dryRun);
    const service = new CloudService(client, config.target.env_id, config.target.service_name);
    return { service, before: await service.versions() };
  });
  result.previous_version = mostServing(before)?.version_name ?? '';
  const shift = choose(before);
  result.version_name = shift.version_name;
  const items = itemsFor(new Map(Object.entries(shift.shares)), before);
  if (service.readOnly) {
    log.info(t('traffic.dry_run_send', { api: API.setSplit, items: describeItems(items) }));
    result.wouldSend.push({ api: API.setSplit, body: { env: service.env, service_name: service.name, items } });
    Object.assign(result, {
      status: 'dry_run',
      traffic: { before, after: before.map((v) => ({ ...v, flow_ratio: shareOf(v.version_name, items) ?? v.flow_ratio })) },
    });
    return;
  }
  // One write, finished and confirmed even when the job is cancelled meanwhile: it is the state asked for.
  const journal = openJournal({
    env_id: service.env,
    service_name: service.name,
    origin: splitOf(before) ?? new Map(),
    promised: splitOfItems(items),
    sent: [],
  });
  const guard = new TrafficGuard(service, before, journal.sending);
  try {
    const title = t(config.operation === 'rollback' ? 'traffic.rollback_title' : 'traffic.set_traffic_title', { service: service.name });
    const after = await shielded(() => log.group(title, () => guard.set(items, t('release.when.since_read'))));
    Object.assign(result, { status: 'traffic_set', traffic: { before, after } });
    log.info(t('traffic.split_now', { split: formatSplit(splitOf(after)) }));
  } catch (err) {
    if (err instanceof TrafficMovedError) result.status = 'aborted';
    throw err;
  } finally {
    journal.close();
  }
}

function shareOf(version_name: string, items: readonly TrafficItem[]): number | undefined {
  return items.find((i) => i.version_name === version_name)?.flow_ratio;
}

/** The reads before the one write: a cancel there changes nothing, and says so. */
async function beforeTheWrite<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (!(err instanceof CancelledError)) throw err;
    throw new ActionError(t('traffic.cancelled_before_write', { cancelled: err.message }), undefined, { cause: err });
  }
}
