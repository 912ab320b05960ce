import { clock } from '../../clock.ts';
import type { RollbackConfig, SetTrafficConfig } from '../../inputs/traffic.ts';
import { formatSeconds, markdownTable, setOutputs, writeSummary } from '../../report.ts';
import { connectWechat } from '../../wechat/connect.ts';
import { API, CloudService, describeItems, type TrafficItem } from '../../wechat/service.ts';
import type { VersionInfo } from '../../wechat/version-list.ts';
import { trafficSection } from '../deploy/report.ts';
import { mostServing, planSplit } from '../../traffic/split.ts';
import * as log from '../../log.ts';

// rollback and set-traffic: read the versions, choose the shares, send them in one
// setcspropotion call. A dry run reads the same and stops before the call.

export interface Shift {
  /** The version that serves the most traffic afterwards: the version_name output. */
  readonly version_name: string;
  /** Version → percent for the versions that get traffic. */
  readonly shares: Readonly<Record<string, number>>;
}

export async function shiftTraffic(
  config: RollbackConfig | SetTrafficConfig,
  title: string,
  choose: (versions: readonly VersionInfo[]) => Shift,
): Promise<void> {
  const startedAt = clock.now();
  const client = await connectWechat(config.target, config.network, config.dryRun);
  const service = new CloudService(client, config.target.env_id, config.target.service_name);
  const before = await service.versions();
  const previous_version = mostServing(before)?.version_name ?? '';
  const shift = choose(before);
  const items = planSplit(shift.shares, before);
  let after: readonly VersionInfo[];
  if (service.readOnly) {
    log.info(`Dry run: would send ${API.setSplit}: ${describeItems(items)}`);
    after = before.map((v) => ({ ...v, flow_ratio: shareOf(v.version_name, items) ?? v.flow_ratio }));
  } else {
    after = await log.group(`${title}: ${service.name}`, () => service.setSplit(items));
  }
  const status = service.readOnly ? 'dry_run' : 'traffic_set';
  const durationMs = clock.now() - startedAt;
  setOutputs({
    version_name: shift.version_name,
    previous_version,
    status,
    duration_seconds: (durationMs / 1000).toFixed(1),
  });
  writeSummary(
    `## ${title}${service.readOnly ? ' (dry run)' : ''}: ${service.name}\n\n` +
      markdownTable(
        ['Service', 'Environment', 'Now serving', 'Previous version', 'Status', 'Duration'],
        [[service.name, service.env, shift.version_name, previous_version || '(none)', status, formatSeconds(durationMs)]],
      ) +
      trafficSection(before, after),
  );
}

function shareOf(version_name: string, items: readonly TrafficItem[]): number | undefined {
  return items.find((i) => i.version_name === version_name)?.flow_ratio;
}
