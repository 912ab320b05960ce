import { clock } from '../../clock.ts';
import { ActionError } from '../../errors.ts';
import type { CanaryStep, DeployResult } from '../../result/result.ts';
import { TrafficGuard } from '../../traffic/guard.ts';
import type { VersionInfo } from '../../wechat/version-list.ts';
import { watchStep } from './canary.ts';
import { newVersionBody, shownBody } from '../../wechat/bodies.ts';
import { API } from '../../wechat/service.ts';
import type { Deployment } from './deployment.ts';
import { watchRelease } from './watch.ts';
import { createVersion } from './create-version.ts';
import * as log from '../../log.ts';
import { t } from '../../messages/messages.ts';

// A service with no version cannot be rolled (a rolling update replaces a version), and
// establishcloudbaserunserver takes no image (docs/platform-facts.md#create-service): whatever the
// strategy, its first version comes from createcloudbaserunserverversion, with all the traffic.

export async function deployFirstVersion(d: Deployment, result: DeployResult): Promise<void> {
  const { config, service } = d;
  const body = newVersionBody(service.env, service.name, config.image, config.rollout, 100, undefined);
  if (config.watch?.traffic?.some((share) => share !== 100)) log.info(t('release.first_version_all_traffic', { service: service.name }));
  if (service.readOnly) {
    log.info(
      t('release.dry_run_first_version', { service: service.name, api: API.createVersion, body: JSON.stringify(shownBody(body), null, 2) }),
    );
    result.status = 'dry_run';
    result.wouldSend.push({ api: API.createVersion, body });
    return;
  }
  const { sent, before } = await createVersion(
    d,
    body,
    t('release.create_first_version', { service: service.name, image: config.image.image_url }),
  );
  Object.assign(result, { runId: sent.runId, version_name: sent.version_name, status: 'accepted' });
  if (!config.watch) return;

  const { watched, failure } = await watchRelease(d, config.watch, { runId: sent.runId, before, created: sent.version_name });
  Object.assign(result, {
    version_name: watched.version_name || sent.version_name,
    status: watched.status,
    image_url: watched.image_url || result.image_url,
    rollout: { outcome: watched.outcome, timeline: watched.timeline },
    traffic: { before: [], after: watched.versions },
  });
  if (failure) throw failure;
  if (config.canary.healthUrl) await checkFirstVersion(d, result, watched.version_name || sent.version_name, watched.versions);
}

/**
 * A first version with a health gate is watched once, for canary_interval, before it is called
 * ready. It takes all the traffic whatever the check says: the service has nothing to go back to.
 */
async function checkFirstVersion(d: Deployment, result: DeployResult, version_name: string, versions: readonly VersionInfo[]) {
  const { config } = d;
  const step: CanaryStep = { percent: 100, elapsedMs: 0, split: [{ version_name, flow_ratio: 100 }], checks: [] };
  result.canary = [step];
  const failed = await watchStep(
    new TrafficGuard(d.service, versions),
    {
      version_name,
      before: [],
      steps: [100],
      canary: config.canary,
      pollIntervalMs: config.timing.pollIntervalMs,
      requestTimeoutMs: config.network.requestTimeoutMs,
      startedAt: clock.now(),
    },
    step,
  );
  if (!failed) return;
  result.status = 'unhealthy';
  throw new ActionError(
    t('release.first_version_unhealthy', { version: version_name, check: t(`release.check.${failed.name}`), answer: failed.answer }),
    t('release.first_version_unhealthy.hint'),
  );
}
