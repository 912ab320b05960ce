import type { SetTrafficConfig } from '../../inputs/traffic.ts';
import { existingVersion, readyVersion } from '../../traffic/split.ts';
import { shiftTraffic } from './shift.ts';

/** The split traffic_split gives, e.g. promoting a canary after an approval; other versions get 0%. */
export function setTraffic(config: SetTrafficConfig): Promise<void> {
  return shiftTraffic(config, 'Set traffic', (versions) => {
    const service = config.target.service_name;
    // Every version given a share must exist and be ready; one given 0% need only exist.
    for (const [name, share] of Object.entries(config.split)) (share > 0 ? readyVersion : existingVersion)(name, versions, service);
    const [top] = Object.entries(config.split).sort((a, b) => b[1] - a[1]);
    return { version_name: top[0], shares: config.split };
  });
}
