import type { DeployConfig } from '../../inputs/deploy.ts';
import type { ReleaseService } from '../../wechat/service.ts';
import type { VersionInfo } from '../../wechat/version-list.ts';

/** What every strategy works from: the inputs, the service, and its versions before this release. */
export interface Deployment {
  readonly config: DeployConfig;
  readonly service: ReleaseService;
  /** The versions before this release (none for a service that was just created). */
  readonly before: readonly VersionInfo[];
}
