import { CancelledError, shielded } from '../../cancel.ts';
import { ActionError, errorMessage } from '../../errors.ts';
import { clock } from '../../clock.ts';
import { formatSeconds } from '../../duration.ts';
import type { CanaryCheck, CanaryStep, DeployResult } from '../../result/result.ts';
import {
  asTrafficSplitInput,
  formatSplit,
  splitOf,
  splitOfItems,
  TrafficGuard,
  TrafficMovedError,
  type Split,
} from '../../traffic/guard.ts';
import { openJournal } from '../../traffic/journal.ts';
import { mostServing, planTraffic } from '../../traffic/split.ts';
import { newVersionBody, newVersionShape, shownBody } from '../../wechat/bodies.ts';
import { API } from '../../wechat/service.ts';
import { describeItems } from '../../wechat/traffic-item.ts';
import type { VersionInfo } from '../../wechat/version-list.ts';
import { runCanary } from './canary.ts';
import { createVersion } from './create-version.ts';
import type { Deployment } from './deployment.ts';
import { watchRelease } from './watch.ts';
import * as log from '../../log.ts';

/**
 * strategy: new-version: a new version beside the serving ones, created with no traffic; once it
 * is ready, traffic moves to it step by step, each step watched. Whatever ends the canary early (a
 * failed check, an error, a cancel) puts back exactly the split from before and keeps the new
 * version at 0% for inspection; if someone else moved the traffic, the action leaves it alone. The
 * versions that served before are never changed, so a rollback is one call away.
 */
export async function deployNewVersion(d: Deployment, result: DeployResult): Promise<void> {
  const { config, service } = d;
  const serving = mostServing(d.before);
  result.previous_version = serving?.version_name ?? '';
  // The settings the inputs leave out are copied from the version that serves now.
  const base = serving ? await service.detail(serving.version_name) : undefined;
  const shape = newVersionShape(config.rollout, base);
  if (shape.min_num > shape.max_num)
    throw new ActionError(
      `min_num ${shape.min_num} exceeds max_num ${shape.max_num} (${config.rollout.minNum === undefined ? `min_num copied from ${serving?.version_name}` : `max_num copied from ${serving?.version_name}`}); nothing was created`,
      'give both min_num and max_num',
    );
  const body = newVersionBody(service.env, service.name, config.image, config.rollout, 0, base);
  // A service where nothing serves gets the new version at 100% at once: there is nothing to split with.
  const steps = serving ? (config.watch?.traffic ?? []) : config.watch ? [100] : [];
  if (!serving && config.watch?.traffic?.some((share) => share !== 100))
    log.info(`No version of ${service.name} serves traffic: the new version gets all of it once ready, whatever traffic says.`);
  // Planned before anything is created: a split the versions cannot give fails now, in a dry run as in a real one.
  const splits = steps.map((percent) => planTraffic('(new version)', percent, d.before));

  if (service.readOnly) {
    log.info(`Dry run: would POST componenttcb/${API.createVersion} with:\n${JSON.stringify(shownBody(body), null, 2)}`);
    for (const split of splits) log.info(`Dry run: then ${API.setSplit}: ${describeItems(split)}`);
    result.status = 'dry_run';
    result.wouldSend.push({ api: API.createVersion, body });
    return;
  }

  const { sent, before } = await untilTrafficMoves(d, result, () =>
    createVersion(d, body, `Create a new version of ${service.name} with ${config.image.image_url}, with no traffic`),
  );
  Object.assign(result, { runId: sent.runId, version_name: sent.version_name, status: 'accepted' });
  const watch = config.watch;
  if (!watch) return;

  const { watched, failure } = await untilTrafficMoves(d, result, () =>
    watchRelease(d, watch, { runId: sent.runId, before, created: sent.version_name }),
  );
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
  await moveTraffic(d, result, { version_name: sent.version_name, steps, before, versions: watched.versions });
}

/** Runs a step before any traffic moves: a cancel there leaves the split from before, and says so. */
async function untilTrafficMoves<T>(d: Deployment, result: DeployResult, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (!(err instanceof CancelledError)) throw err;
    const created = result.version_name ? `; version ${result.version_name} goes on without the action, with no traffic` : '';
    throw new ActionError(
      `${err.message} before any traffic moved: the traffic split is the one from before the deploy (${formatSplit(splitOf(d.before))})${created}`,
      undefined,
      { cause: err },
    );
  }
}

/** The canary proper, from the versions read once the new one was ready. */
async function moveTraffic(
  d: Deployment,
  result: DeployResult,
  release: { version_name: string; steps: readonly number[]; before: readonly VersionInfo[]; versions: readonly VersionInfo[] },
): Promise<void> {
  const { config, service } = d;
  const origin = splitOf(release.versions);
  if (!origin)
    throw new ActionError(`The version list of ${service.name} has a share it does not give as a number: the traffic was not moved`);
  const promised = splitOfItems(planTraffic(release.version_name, release.steps.at(-1)!, release.before));
  const journal = openJournal({ env_id: service.env, service_name: service.name, origin, promised, sent: [] });
  const guard = new TrafficGuard(service, release.versions, journal.sending);
  const steps: CanaryStep[] = [];
  result.canary = steps;
  const plan = {
    version_name: release.version_name,
    before: release.before,
    steps: release.steps,
    canary: config.canary,
    pollIntervalMs: config.timing.pollIntervalMs,
    requestTimeoutMs: config.network.requestTimeoutMs,
    startedAt: clock.now(),
  };
  let failure: Error;
  const progress: { percent?: number } = {};
  try {
    const canary = await runCanary(guard, plan, steps, progress);
    if (!canary.failed) {
      result.traffic = { before: release.before, after: canary.versions };
      journal.close();
      log.info(`The traffic split is the one this deploy set out to leave: ${formatSplit(promised)}.`);
      return;
    }
    failure = canaryFailure(release.version_name, canary.failed, steps.at(-1)!.percent, config.canary.intervalMs);
  } catch (err) {
    // Someone else moved the traffic: their split stands, and the action changes nothing more.
    if (err instanceof TrafficMovedError) {
      result.status = 'aborted';
      journal.close();
      throw err;
    }
    const at = progress.percent === undefined ? '' : ` at the ${progress.percent}% step of ${release.version_name}`;
    failure = new ActionError(
      `${err instanceof Error ? err.message : errorMessage(err)}${at}`,
      err instanceof ActionError ? err.hint : undefined,
      {
        cause: err,
      },
    );
  }
  try {
    // Put back whatever ended the canary, a cancel included: the traffic must not stay split with an unwatched version.
    const after = await shielded(() =>
      log.group('Put the traffic back on the versions that served before', () => guard.restore(origin, 'before putting the traffic back')),
    );
    Object.assign(result, { status: 'rolled_back', traffic: { before: release.before, after } });
    journal.close();
  } catch (revertErr) {
    if (revertErr instanceof TrafficMovedError) {
      result.status = 'aborted';
      journal.close();
      throw new ActionError(`${failure.message}; ${revertErr.message}`, revertErr.hint, { cause: failure });
    }
    // Left for the post step, which tries again; the error says how to do it by hand.
    result.status = 'revert_failed';
    throw revertFailed(failure, revertErr, release.version_name, origin);
  }
  throw new ActionError(
    `${failure.message}. The traffic is back on the split from before (${formatSplit(origin)}); ${release.version_name} is kept with 0% for inspection.`,
    failure instanceof ActionError ? failure.hint : undefined,
    { cause: failure },
  );
}

function canaryFailure(version_name: string, check: CanaryCheck, percent: number, intervalMs: number): ActionError {
  return new ActionError(
    `The canary of ${version_name} was rolled back at ${percent}%: ${check.name} check failed (${check.answer}) after ${formatSeconds(check.elapsedMs)} of ${formatSeconds(intervalMs)} per step`,
    'see the logs of the new version in the Cloud Hosting console; a later delete-versions run prunes it',
  );
}

function revertFailed(failure: Error, revertErr: unknown, version_name: string, origin: Split): ActionError {
  const restore = asTrafficSplitInput(origin);
  return new ActionError(
    `${failure.message}, and putting the traffic back failed too: ${errorMessage(revertErr)}. ${version_name} may still serve traffic. ` +
      `To restore the split from before, run operation: set-traffic with traffic_split: ${restore}`,
    `the action's post step tries once more; if it cannot either, set the split by hand (traffic_split: ${restore}) or in the Cloud Hosting console`,
    { cause: failure },
  );
}
