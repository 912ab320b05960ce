import { formatSeconds } from '../../duration.ts';
import type { DeployResult } from '../../result/result.ts';
import { TrafficGuard } from '../../traffic/guard.ts';
import { mostServing, planTraffic } from '../../traffic/split.ts';
import { rollingUpdateBody, shownBody } from '../../wechat/bodies.ts';
import { API } from '../../wechat/service.ts';
import type { Deployment } from './deployment.ts';
import { watchRelease } from './watch.ts';
import { sendWhenFree } from './when-free.ts';
import * as log from '../../log.ts';
import { t } from '../../messages/messages.ts';

/**
 * strategy: rolling (docs/platform-facts.md#rolling-update): the image replaces a version in place; then, unless wait is false,
 * waits for the new version to be ready and gives it `traffic`.
 */
export async function deployRolling(d: Deployment, result: DeployResult): Promise<void> {
  const { config, service } = d;
  const body = rollingUpdateBody(service.env, service.name, config.image, config.rollout);
  const traffic = config.watch?.traffic?.[0];
  result.version_name = config.rollout.replaces;
  result.previous_version = mostServing(d.before)?.version_name ?? '';

  if (service.readOnly) {
    log.info(t('release.dry_run_post', { api: API.rollingUpdate, body: JSON.stringify(shownBody(body), null, 2) }));
    const timeout = config.watch && formatSeconds(config.watch.timeoutMs);
    if (timeout)
      log.info(traffic === undefined ? t('release.dry_run_wait', { timeout }) : t('release.dry_run_wait_traffic', { timeout, traffic }));
    result.status = 'dry_run';
    result.wouldSend.push({ api: API.rollingUpdate, body });
    return;
  }

  const { sent: runId, before } = await log.group(
    t('release.rolling_update', { service: service.name, image: config.image.image_url }),
    () => sendWhenFree(d, () => service.rollingUpdate(body)),
  );
  log.info(t('release.rolling_accepted', { run_id: runId }));
  Object.assign(result, { runId, status: 'accepted' });
  if (!config.watch) return;

  const { watched, failure } = await watchRelease(d, config.watch, { runId, before });
  Object.assign(result, {
    version_name: watched.version_name,
    status: watched.status,
    image_url: watched.image_url || result.image_url,
    rollout: { outcome: watched.outcome, timeline: watched.timeline },
    traffic: { before: d.before, after: watched.versions },
  });
  if (failure) throw failure;
  // A service where nothing serves (its only version failed, say) gets the new version at 100%.
  const share = mostServing(watched.versions) ? traffic : 100;
  if (share === undefined) return;
  const guard = new TrafficGuard(service, watched.versions);
  const after = await log.group(t('release.send_traffic', { percent: share, version: watched.version_name }), () =>
    guard.set(planTraffic(watched.version_name, share, watched.versions), t('release.when.once_ready')),
  );
  result.traffic = { before: d.before, after };
}
