import { ActionError } from '../../errors.ts';
import { clock } from '../../clock.ts';
import type { DeployConfig, WatchConfig } from '../../inputs/deploy.ts';
import { formatSeconds } from '../../report.ts';
import { WechatApiError } from '../../wechat/client.ts';
import { isReleaseInProgress } from '../../wechat/conditions.ts';
import type { CloudService } from '../../wechat/service.ts';
import type { VersionDetail, VersionInfo } from '../../wechat/version-list.ts';
import { watchFailure, watchRollout, type RolloutToWatch, type WatchResult } from './watch.ts';
import * as log from '../../log.ts';

// What every strategy shares: the run's context, sending a release once the service is free of
// another one, watching it to the end, and the body of a new version.

export interface Deployment {
  readonly config: DeployConfig;
  readonly service: CloudService;
  /** The versions before this release (none for a service that was just created). */
  readonly before: readonly VersionInfo[];
}

/**
 * Sends a release, first waiting out another release of the service for up to `timeout` (the
 * platform refuses a second one while one runs). Returns what send returned, and the versions
 * just before the accepted attempt, so the watcher can tell the version it produces.
 */
export async function sendWhenFree<T>(d: Deployment, send: () => Promise<T>): Promise<{ sent: T; before: readonly VersionInfo[] }> {
  const { timeoutMs, pollIntervalMs } = d.config.timing;
  const deadline = clock.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    // Read again before each retry: the release that was running has made a version of its own.
    const before = attempt === 0 ? d.before : await d.service.versions();
    try {
      return { sent: await send(), before };
    } catch (err) {
      if (!(err instanceof WechatApiError && isReleaseInProgress(err))) throw err;
      if (clock.now() + pollIntervalMs > deadline) {
        throw new ActionError(
          `Another release of ${d.service.name} was still running after ${formatSeconds(timeoutMs)}: ${err.errmsg}`,
          'wait for it to finish (see the Cloud Hosting console) or raise timeout; a workflow concurrency group per service keeps your own releases from overlapping',
        );
      }
      log.info(
        `Another release of ${d.service.name} is running (${err.errmsg}); waiting for it, trying again in ${formatSeconds(pollIntervalMs)}.`,
      );
      await clock.sleep(pollIntervalMs);
    }
  }
}

/** Waits for the release to end; returns the result and the error that fails the step, if any. */
export async function watchRelease(
  d: Deployment,
  watch: WatchConfig,
  release: { runId: string; before: readonly VersionInfo[]; created?: string },
): Promise<{ watched: WatchResult; target: RolloutToWatch; failure: ActionError | undefined }> {
  const target: RolloutToWatch = {
    service: d.service,
    runId: release.runId,
    image_url: d.config.image.image_url,
    replaces: String(d.config.rollout.version_name),
    created: release.created,
    before: release.before,
    acceptedAt: clock.now(),
  };
  const name = release.created ? `version ${release.created}` : 'the new version';
  const watched = await log.group(`Wait for ${name} of ${d.service.name} (timeout ${formatSeconds(watch.timeoutMs)})`, () =>
    watchRollout(target, watch),
  );
  return { watched, target, failure: watchFailure(watched, target, watch) };
}

// Values from the SDK's sample request (API-NOTES), for the fields createcloudbaserunserverversion
// requires when neither an input nor the serving version gives one.
const SAMPLE = { cpu: 0.25, mem: 0.5, min_num: 0, max_num: 1, policy_type: 'cpu', policy_threshold: 60, container_port: 80 };

/**
 * The body of createcloudbaserunserverversion: the rolling-update inputs, in the types of the
 * SDK's sample (numbers), each field the inputs leave out copied from the version that serves now
 * (so a new version keeps its port and environment variables), else the sample's value.
 */
export function newVersionBody(config: DeployConfig, service: CloudService, flow_ratio: number, base: VersionDetail | undefined) {
  const { version_name: _replaced, flow_ratio: _flow, ...rollout } = config.rollout;
  const from = base?.settings;
  const num = (value: unknown, copied: number | undefined, sample: number) => (value === undefined ? (copied ?? sample) : Number(value));
  return {
    env_id: service.env,
    server_name: service.name,
    upload_type: 'image',
    image_info: config.image,
    ...rollout,
    flow_ratio,
    cpu: num(rollout.cpu, from?.cpu, SAMPLE.cpu),
    mem: num(rollout.mem, from?.mem, SAMPLE.mem),
    min_num: num(rollout.min_num, from?.min_num, SAMPLE.min_num),
    max_num: num(rollout.max_num, from?.max_num, SAMPLE.max_num),
    policy_type: rollout.policy_type ?? SAMPLE.policy_type,
    policy_threshold: num(rollout.policy_threshold, undefined, SAMPLE.policy_threshold),
    container_port: num(rollout.container_port, from?.container_port, SAMPLE.container_port),
    ...((rollout.env_params ?? from?.env_params) === undefined ? {} : { env_params: rollout.env_params ?? from?.env_params }),
  };
}
