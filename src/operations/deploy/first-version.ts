import type { DeployResult } from '../../result/result.ts';
import { newVersionBody, shownBody } from '../../wechat/bodies.ts';
import { API } from '../../wechat/service.ts';
import type { Deployment } from './deployment.ts';
import { watchRelease } from './watch.ts';
import { createVersion } from './create-version.ts';
import * as log from '../../log.ts';

// A service with no version cannot be rolled (a rolling update replaces a version), and
// establishcloudbaserunserver takes no image (docs/platform-facts.md#create-service): whatever the
// strategy, its first version comes from createcloudbaserunserverversion, with all the traffic.

export async function deployFirstVersion(d: Deployment, result: DeployResult): Promise<void> {
  const { config, service } = d;
  const body = newVersionBody(service.env, service.name, config.image, config.rollout, 100, undefined);
  if (config.watch?.traffic?.some((share) => share !== 100))
    log.info(`Service ${service.name} has no version yet: its first version takes all the traffic, whatever traffic says.`);
  if (service.readOnly) {
    log.info(
      `Dry run: service ${service.name} has no version; would POST componenttcb/${API.createVersion} with:\n${JSON.stringify(shownBody(body), null, 2)}`,
    );
    result.status = 'dry_run';
    result.wouldSend.push({ api: API.createVersion, body });
    return;
  }
  const { sent, before } = await createVersion(d, body, `Create the first version of ${service.name} with ${config.image.image_url}`);
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
}
