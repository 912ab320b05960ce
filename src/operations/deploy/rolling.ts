import { errorMessage } from '../../errors.ts';
import { formatSeconds } from '../../report.ts';
import { API } from '../../wechat/service.ts';
import type { VersionInfo } from '../../wechat/version-list.ts';
import { sendWhenFree, watchRelease, type Deployment } from './release.ts';
import { shownBody, type DeployOutcome } from './report.ts';
import { mostServing, planTraffic } from '../../traffic/split.ts';
import * as log from '../../log.ts';

/**
 * strategy: rolling (seed 003): the image replaces a version in place; then, unless wait is false,
 * waits for the new version to be ready and gives it `traffic`.
 */
export async function deployRolling(d: Deployment, report: (o: DeployOutcome) => void): Promise<void> {
  const { config, service } = d;
  const body = { env_id: service.env, server_name: service.name, upload_type: 'image', image_info: config.image, ...config.rollout };
  const requested = String(config.rollout.version_name);
  const image_url = config.image.image_url;
  const previous_version = mostServing(d.before)?.version_name ?? '';
  const traffic = config.watch?.traffic?.[0];

  if (service.readOnly) {
    log.info(`Dry run: would POST componenttcb/${API.rollingUpdate} with:\n${JSON.stringify(shownBody(body), null, 2)}`);
    if (config.watch)
      log.info(
        `Dry run: would then wait up to ${formatSeconds(config.watch.timeoutMs)} for the new version${traffic === undefined ? '' : ` and send it ${traffic}% of the traffic`}.`,
      );
    return report({
      runId: '',
      version_name: requested,
      status: 'dry_run',
      image_url,
      previous_version,
      wouldSend: [{ api: API.rollingUpdate, body }],
    });
  }

  const { sent: runId, before } = await log.group(`Rolling update of ${service.name} to ${image_url}`, () =>
    sendWhenFree(d, () => service.rollingUpdate(body)),
  );
  log.info(`Rolling update accepted: run_id ${runId}`);
  if (!config.watch) return report({ runId, version_name: requested, status: 'accepted', image_url, previous_version });

  const { watched, failure: watchFailed } = await watchRelease(d, config.watch, { runId, before });
  let failure: Error | undefined = watchFailed;
  let versions = watched.versions;
  if (!failure && traffic !== undefined) {
    // Reported below like a failed rollout, so the outputs still say which version is up.
    versions = await log
      .group(`Send ${traffic}% of the traffic to ${watched.version_name}`, () =>
        service.setSplit(planTraffic(watched.version_name, traffic, versions)),
      )
      .catch((err: unknown): readonly VersionInfo[] => {
        failure = err instanceof Error ? err : new Error(errorMessage(err));
        return versions;
      });
  }
  report({
    runId,
    version_name: watched.version_name,
    status: watched.status,
    image_url: watched.image_url || image_url,
    previous_version,
    watched: { timeline: watched.timeline, outcome: watched.outcome },
    split: { before: d.before, after: versions },
  });
  if (failure) throw failure;
}
