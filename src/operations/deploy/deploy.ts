import { CancelledError } from '../../cancel.ts';
import { ActionError } from '../../errors.ts';
import type { DeployConfig } from '../../inputs/deploy.ts';
import type { DeployResult } from '../../result/result.ts';
import { createServiceBody, shownBody } from '../../wechat/bodies.ts';
import { connectWechat } from '../../wechat/connect.ts';
import { warnIfTokenOutlived } from '../../wechat/tokens.ts';
import { API, CloudService } from '../../wechat/service.ts';
import { serviceNotFound, type VersionInfo } from '../../wechat/version-list.ts';
import { deployFirstVersion } from './first-version.ts';
import { deployNewVersion } from './new-version.ts';
import { deployRolling } from './rolling.ts';
import * as log from '../../log.ts';
import { t } from '../../messages/messages.ts';

export function begin(config: DeployConfig): DeployResult {
  return {
    operation: 'deploy',
    dryRun: config.dryRun,
    env_id: config.target.env_id,
    service_name: config.target.service_name,
    strategy: config.strategy,
    serviceCreated: false,
    runId: '',
    version_name: '',
    image_url: config.image.image_url,
    previous_version: '',
    status: '',
    wouldSend: [],
  };
}

/**
 * Ships config.image to the service, creating the service first if asked: its first version when
 * it has none, otherwise by the chosen strategy. A dry run reads what the real run reads (its
 * client refuses anything else) and stops before the first change.
 */
export async function execute(config: DeployConfig, result: DeployResult): Promise<void> {
  try {
    await ship(config, result);
  } catch (err) {
    if (!(err instanceof CancelledError)) throw err;
    // The strategies say what a cancel left once they have changed something; before that, nothing changed.
    const said = result.status
      ? t('release.cancelled_while_running', { cancelled: err.message, run_id: result.runId || t('run.unknown') })
      : t('release.cancelled_before_sent', { cancelled: err.message });
    throw new ActionError(said, undefined, { cause: err });
  }
}

async function ship(config: DeployConfig, result: DeployResult): Promise<void> {
  warnIfTokenOutlived(config.target.credentials, config.plannedMs);
  const client = await connectWechat(config.target, config.network, config.dryRun);
  const service = new CloudService(client, config.target.env_id, config.target.service_name);
  const versions = await lookUp(service, config, result);
  const d = { config, service, before: versions };
  if (!versions.length) {
    result.strategy = 'first-version';
    return deployFirstVersion(d, result);
  }
  return config.strategy === 'rolling' ? deployRolling(d, result) : deployNewVersion(d, result);
}

/**
 * The service's versions; with create_service, the service is created when missing (then it has
 * none). Whether it exists is what the environment's service list says: a version list that is
 * empty, or an error text, does not tell a missing service from an empty one.
 */
async function lookUp(service: CloudService, config: DeployConfig, result: DeployResult): Promise<VersionInfo[]> {
  if (!config.createService) {
    const versions = await service.versions();
    if (!versions.length && !(await service.exists())) throw serviceNotFound(service.env, service.name);
    return versions;
  }
  return log.group(t('release.ensure_service', { service: service.name }), async () => {
    if (await service.exists()) {
      log.info(t('release.service_exists', { service: service.name }));
      return service.versions();
    }
    if (service.readOnly) {
      const body = createServiceBody(service.env, service.name, config.service);
      log.info(
        t('release.dry_run_create_service', {
          service: service.name,
          api: API.createService,
          body: JSON.stringify(shownBody(body), null, 2),
        }),
      );
      result.wouldSend.push({ api: API.createService, body });
      return [];
    }
    if (!(await service.create(config.service))) {
      log.info(t('release.service_already_exists', { service: service.name }));
      return service.versions();
    }
    log.info(t('release.service_created', { service: service.name }));
    result.serviceCreated = true;
    return [];
  });
}
