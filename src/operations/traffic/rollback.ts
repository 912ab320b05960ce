import { ActionError } from '../../errors.ts';
import type { RollbackConfig } from '../../inputs/traffic.ts';
import type { TrafficResult } from '../../result/result.ts';
import type { VersionInfo } from '../../wechat/version-list.ts';
import { classifyStatus } from '../../wechat/version-status.ts';
import { mostServing, readyVersion } from '../../traffic/split.ts';
import { beginShift, shiftTraffic } from './shift.ts';

export const begin = beginShift;

/**
 * All traffic to rollback_to, or by default to the newest ready version created before the one
 * that serves the most traffic now. The versions themselves are not changed.
 */
export function execute(config: RollbackConfig, result: TrafficResult): Promise<void> {
  return shiftTraffic(config, result, 'Rollback', (versions) => {
    const service = config.target.service_name;
    const target = config.rollbackTo ? readyVersion(config.rollbackTo, versions, service) : defaultTarget(versions, service);
    return { version_name: target.version_name, shares: { [target.version_name]: 100 } };
  });
}

function defaultTarget(versions: readonly VersionInfo[], service: string): VersionInfo {
  const serving = mostServing(versions);
  if (!serving)
    throw new ActionError(
      `No version of service ${service} serves traffic, so there is nothing to roll back from`,
      'name the version to serve in rollback_to',
    );
  // A version whose creation time cannot be read is never taken for an older one.
  const servingSince = serving.createdAt ?? -Infinity;
  const earlier = versions
    .filter((v) => v.createdAt !== undefined && v.createdAt < servingSince && classifyStatus(v.status) === 'ready')
    .sort((a, b) => b.createdAt! - a.createdAt!);
  if (!earlier.length) {
    throw new ActionError(
      `Service ${service} has no ready version older than ${serving.version_name} (which serves ${serving.flow_ratio}%) to roll back to`,
      'name the version to serve in rollback_to',
    );
  }
  return earlier[0];
}
