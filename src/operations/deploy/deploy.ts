import { clock } from '../../clock.ts';
import type { DeployConfig } from '../../inputs/deploy.ts';
import { WechatApiError } from '../../wechat/client.ts';
import { isAlreadyExists } from '../../wechat/conditions.ts';
import { connectWechat } from '../../wechat/connect.ts';
import { API, CloudService } from '../../wechat/service.ts';
import { ServiceNotFoundError, type VersionInfo } from '../../wechat/version-list.ts';
import { deployFirstVersion } from './first-version.ts';
import { deployNewVersion } from './new-version.ts';
import type { Deployment } from './release.ts';
import { writeDeployReport, type DeployOutcome } from './report.ts';
import { deployRolling } from './rolling.ts';
import * as log from '../../log.ts';

/**
 * Ships config.image to the service, creating the service first if asked: its first version when
 * it has none, otherwise by the chosen strategy. A dry run reads what the real run reads (its
 * client refuses anything else) and stops before the first change.
 */
export async function deploy(config: DeployConfig): Promise<void> {
  const startedAt = clock.now();
  const client = await connectWechat(config.target, config.network, config.dryRun);
  const service = new CloudService(client, config.target.env_id, config.target.service_name);
  const { created, versions } = await lookUp(service, config);
  const d: Deployment = { config, service, before: versions };
  const report = (outcome: DeployOutcome) =>
    writeDeployReport(
      {
        env_id: service.env,
        service_name: service.name,
        strategy: versions.length ? config.strategy : 'first version',
        dryRun: config.dryRun,
        serviceCreated: created,
        durationMs: clock.now() - startedAt,
      },
      outcome,
    );
  if (!versions.length) return deployFirstVersion(d, report);
  return config.strategy === 'rolling' ? deployRolling(d, report) : deployNewVersion(d, report);
}

/** The service's versions; with create_service, the service is created when missing (then it has none). */
async function lookUp(service: CloudService, config: DeployConfig): Promise<{ created: boolean; versions: VersionInfo[] }> {
  if (!config.createService) return { created: false, versions: await service.versions() };
  return log.group(`Make sure service ${service.name} exists`, async () => {
    try {
      const versions = await service.versions();
      log.info(`Service ${service.name} exists.`);
      return { created: false, versions };
    } catch (err) {
      if (!(err instanceof ServiceNotFoundError)) throw err;
    }
    const body = { env_id: service.env, service_name: service.name, ...config.service };
    if (service.readOnly) {
      log.info(
        `Dry run: service ${service.name} does not exist; would POST componenttcb/${API.createService} with:\n${JSON.stringify(body, null, 2)}`,
      );
      return { created: false, versions: [] };
    }
    try {
      await service.create(config.service);
    } catch (err) {
      // A retried create may find the service its first attempt made.
      if (err instanceof WechatApiError && isAlreadyExists(err)) {
        log.info(`Service ${service.name} already exists.`);
        return { created: false, versions: await service.versions() };
      }
      throw err;
    }
    log.info(`Created service ${service.name}.`);
    return { created: true, versions: [] };
  });
}
