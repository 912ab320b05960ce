import { ActionError } from '../../errors.ts';
import type { RollbackConfig } from '../../inputs/traffic.ts';
import type { TrafficResult } from '../../result/result.ts';
import type { VersionInfo } from '../../wechat/version-list.ts';
import { classifyStatus } from '../../wechat/version-status.ts';
import { readyVersion } from '../../traffic/split.ts';
import { beginShift, shiftTraffic } from './shift.ts';
import { t } from '../../messages/messages.ts';

export const begin = beginShift;

/**
 * All traffic to rollback_to, or by default away from the newest version that has any traffic (a
 * canary at 10% is the suspect, not the version at 90% beside it) to the newest ready version
 * created before it. The versions themselves are not changed.
 */
export function execute(config: RollbackConfig, result: TrafficResult): Promise<void> {
  return shiftTraffic(config, result, (versions) => {
    const service = config.target.service_name;
    const target = config.rollbackTo ? readyVersion(config.rollbackTo, versions, service) : defaultTarget(versions, service);
    return { version_name: target.version_name, shares: { [target.version_name]: 100 } };
  });
}

function defaultTarget(versions: readonly VersionInfo[], service: string): VersionInfo {
  const hint = t('traffic.rollback.hint');
  const serving = versions.filter((v) => (v.flow_ratio ?? 0) > 0);
  if (!serving.length) throw new ActionError(t('traffic.rollback.none_serving', { service }), hint);
  // Which serving version is newest must be known, not guessed: a time that cannot be read decides nothing.
  const unreadable = serving.find((v) => v.createdAt === undefined);
  if (unreadable)
    throw new ActionError(
      t('traffic.rollback.time_unknown', { version: unreadable.version_name, share: String(unreadable.flow_ratio) }),
      hint,
    );
  const suspect = serving.reduce((a, b) => (b.createdAt! > a.createdAt! ? b : a));
  const earlier = versions
    .filter((v) => v.createdAt !== undefined && v.createdAt < suspect.createdAt! && classifyStatus(v.status) === 'ready')
    .sort((a, b) => b.createdAt! - a.createdAt!);
  if (!earlier.length) {
    throw new ActionError(
      t('traffic.rollback.none_older', { service, version: suspect.version_name, share: String(suspect.flow_ratio) }),
      hint,
    );
  }
  return earlier[0];
}
