import { ActionError, errorMessage } from '../../errors.ts';
import { clock } from '../../clock.ts';
import { formatSeconds } from '../../duration.ts';
import type { CanaryCheck, DeployResult } from '../../result/result.ts';
import { currentSplit, mostServing, planTraffic } from '../../traffic/split.ts';
import { newVersionBody, shownBody } from '../../wechat/bodies.ts';
import { API, describeItems, type CloudService } from '../../wechat/service.ts';
import type { VersionInfo } from '../../wechat/version-list.ts';
import { runCanary, type CanaryResult } from './canary.ts';
import type { Deployment } from './deployment.ts';
import { watchRelease } from './watch.ts';
import { sendWhenFree } from './when-free.ts';
import * as log from '../../log.ts';

/**
 * strategy: new-version: a new version beside the serving ones, created with no traffic; once it
 * is ready, traffic moves to it step by step, each step watched. A failed check puts back exactly
 * the split from before, and keeps the new version at 0% for inspection. The versions that served
 * before are never changed, so a rollback is one call away.
 */
export async function deployNewVersion(d: Deployment, result: DeployResult): Promise<void> {
  const { config, service } = d;
  const serving = mostServing(d.before);
  result.previous_version = serving?.version_name ?? '';
  // The settings the inputs leave out are copied from the version that serves now.
  const base = serving ? await service.detail(serving.version_name) : undefined;
  const body = newVersionBody(service.env, service.name, config.image, config.rollout, 0, base);
  const steps = config.watch?.traffic ?? [];
  // Planned before anything is created: a split the versions cannot give fails now, in a dry run as in a real one.
  const splits = steps.map((percent) => planTraffic('(new version)', percent, d.before));

  if (service.readOnly) {
    log.info(`Dry run: would POST componenttcb/${API.createVersion} with:\n${JSON.stringify(shownBody(body), null, 2)}`);
    for (const split of splits) log.info(`Dry run: then ${API.setSplit}: ${describeItems(split)}`);
    result.status = 'dry_run';
    result.wouldSend.push({ api: API.createVersion, body });
    return;
  }

  const { sent, before } = await log.group(`Create a new version of ${service.name} with ${config.image.image_url}, with no traffic`, () =>
    sendWhenFree(d, () => service.createVersion(body)),
  );
  log.info(`Version ${sent.version_name} accepted: run_id ${sent.runId}`);
  Object.assign(result, { runId: sent.runId, version_name: sent.version_name, status: 'accepted' });
  if (!config.watch) return;

  const { watched, failure } = await watchRelease(d, config.watch, { runId: sent.runId, before, created: sent.version_name });
  Object.assign(result, {
    status: watched.status,
    image_url: watched.image_url || result.image_url,
    rollout: { outcome: watched.outcome, timeline: watched.timeline },
    traffic: { before, after: watched.versions },
  });
  if (failure) throw failure;
  if (!steps.length) {
    log.info(`Version ${sent.version_name} is ready and serves no traffic; operation: set-traffic sends it some.`);
    return;
  }

  // `before` is read again when another release was waited out: its split is the one to keep.
  const plan = {
    version_name: sent.version_name,
    before,
    steps,
    canary: config.canary,
    pollIntervalMs: config.timing.pollIntervalMs,
    requestTimeoutMs: config.network.requestTimeoutMs,
    startedAt: clock.now(),
  };
  let canary: CanaryResult;
  try {
    canary = await runCanary(service, plan);
  } catch (err) {
    // Whatever ended the canary, the traffic must not stay split with an unwatched version.
    const after = await revert(service, before, sent.version_name).catch((revertErr: unknown) => {
      log.warning(`Could not put the traffic back: ${errorMessage(revertErr)}`);
      return undefined;
    });
    if (after) Object.assign(result, { status: 'rolled_back', traffic: { before, after } });
    throw err;
  }
  result.canary = canary.steps;
  if (!canary.failed) {
    result.traffic = { before, after: canary.versions };
    return;
  }
  const after = await revert(service, before, sent.version_name);
  Object.assign(result, { status: 'rolled_back', traffic: { before, after } });
  throw canaryFailure(sent.version_name, canary.failed, canary.steps.at(-1)?.percent ?? 0, config.canary.intervalMs);
}

/** Exactly the split from before the release, the new version at 0%. */
function revert(service: CloudService, before: readonly VersionInfo[], version_name: string) {
  return log.group(`Put the traffic back on the versions that served before`, () => service.setSplit(currentSplit(before, [version_name])));
}

function canaryFailure(version_name: string, check: CanaryCheck, percent: number, intervalMs: number): ActionError {
  return new ActionError(
    `The canary of ${version_name} was rolled back at ${percent}%: ${check.name} check failed (${check.answer}) after ${formatSeconds(check.elapsedMs)} of ${formatSeconds(intervalMs)} per step. The traffic is back on the versions that served before; ${version_name} is kept with 0% for inspection.`,
    'see the logs of the new version in the Cloud Hosting console; a later delete-versions run prunes it',
  );
}
