import type { SetTrafficConfig } from '../../inputs/traffic.ts';
import type { TrafficResult } from '../../result/result.ts';
import { existingVersion, readyVersion } from '../../traffic/split.ts';
import { beginShift, shiftTraffic } from './shift.ts';

export const begin = beginShift;

/** The split traffic_split gives, e.g. promoting a canary after an approval; other versions get 0%. */
export function execute(config: SetTrafficConfig, result: TrafficResult): Promise<void> {
  return shiftTraffic(config, result, (versions) => {
    const service = config.target.service_name;
    // Every version given a share must exist and be ready; one given 0% need only exist.
    for (const [name, share] of Object.entries(config.split)) (share > 0 ? readyVersion : existingVersion)(name, versions, service);
    const [top] = Object.entries(config.split).sort((a, b) => b[1] - a[1]);
    return { version_name: top[0], shares: config.split };
  });
}
