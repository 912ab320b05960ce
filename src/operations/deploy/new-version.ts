import { CancelledError, shielded } from '../../cancel.ts';
import { ActionError, errorMessage } from '../../errors.ts';
import { clock } from '../../clock.ts';
import { formatSeconds } from '../../duration.ts';
import type { CanaryCheck, CanaryStep, DeployResult } from '../../result/result.ts';
import { TrafficGuard, TrafficMovedError } from '../../traffic/guard.ts';
import { openJournal } from '../../traffic/journal.ts';
import { asTrafficSplitInput, formatSplit, mostServing, planTraffic, splitOf, splitOfItems, type Split } from '../../traffic/split.ts';
import { newVersionBody, newVersionShape, shownBody } from '../../wechat/bodies.ts';
import { API } from '../../wechat/service.ts';
import { describeItems } from '../../wechat/traffic-item.ts';
import type { VersionInfo } from '../../wechat/version-list.ts';
import { runCanary } from './canary.ts';
import { createVersion } from './create-version.ts';
import type { Deployment } from './deployment.ts';
import { watchRelease } from './watch.ts';
import * as log from '../../log.ts';
import { t } from '../../messages/messages.ts';

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
      t('release.min_exceeds_max', {
        min: shape.min_num,
        max: shape.max_num,
        copied: config.rollout.minNum === undefined ? 'min_num' : 'max_num',
        version: String(serving?.version_name),
      }),
      t('release.min_exceeds_max.hint'),
    );
  const body = newVersionBody(service.env, service.name, config.image, config.rollout, 0, base);
  // A service where nothing serves gets the new version at 100% at once: there is nothing to split with.
  const steps = serving ? (config.watch?.traffic ?? []) : config.watch ? [100] : [];
  if (!serving && config.watch?.traffic?.some((share) => share !== 100)) log.info(t('release.none_serving', { service: service.name }));
  // Planned before anything is created: a split the versions cannot give fails now, in a dry run as in a real one.
  const splits = steps.map((percent) => planTraffic(t('release.new_version'), percent, d.before));

  if (service.readOnly) {
    log.info(t('release.dry_run_post', { api: API.createVersion, body: JSON.stringify(shownBody(body), null, 2) }));
    for (const split of splits) log.info(t('release.dry_run_then', { api: API.setSplit, items: describeItems(split) }));
    result.status = 'dry_run';
    result.wouldSend.push({ api: API.createVersion, body });
    return;
  }

  const { sent, before } = await untilTrafficMoves(d, result, () =>
    createVersion(d, body, t('release.create_new_version', { service: service.name, image: config.image.image_url })),
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
    log.info(t('release.ready_no_traffic', { version: sent.version_name }));
    return;
  }
  await moveTraffic(d, result, { version_name: sent.version_name, steps, before });
}

/** Runs a step before any traffic moves: a cancel there leaves the split from before, and says so. */
async function untilTrafficMoves<T>(d: Deployment, result: DeployResult, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (!(err instanceof CancelledError)) throw err;
    const created = result.version_name ? t('release.cancelled_created', { version: result.version_name }) : '';
    throw new ActionError(
      t('release.cancelled_before_traffic', { cancelled: err.message, split: formatSplit(splitOf(d.before)), created }),
      undefined,
      { cause: err },
    );
  }
}

/**
 * The canary proper. Its steps and the split it puts back are planned from the versions read before
 * the create, so the guard expects that split: a move during the rollout wait stops it before any step.
 */
async function moveTraffic(
  d: Deployment,
  result: DeployResult,
  release: { version_name: string; steps: readonly number[]; before: readonly VersionInfo[] },
): Promise<void> {
  const { config, service } = d;
  const origin = splitOf(release.before);
  if (!origin) throw new ActionError(t('release.share_unknown', { service: service.name }));
  const promised = splitOfItems(planTraffic(release.version_name, release.steps.at(-1)!, release.before));
  const journal = openJournal({ env_id: service.env, service_name: service.name, origin, promised, sent: [] });
  const guard = new TrafficGuard(service, release.before, journal.sending);
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
      log.info(t('release.split_promised', { split: formatSplit(promised) }));
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
    const at = progress.percent === undefined ? '' : t('release.at_step', { percent: progress.percent, version: release.version_name });
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
    const after = await shielded(() => log.group(t('release.put_back'), () => guard.restore(origin, t('release.when.before_revert'))));
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
    t('release.traffic_back', { failure: failure.message, split: formatSplit(origin), version: release.version_name }),
    failure instanceof ActionError ? failure.hint : undefined,
    { cause: failure },
  );
}

function canaryFailure(version_name: string, check: CanaryCheck, percent: number, intervalMs: number): ActionError {
  return new ActionError(
    t('release.canary_failed', {
      version: version_name,
      percent,
      check: t(`release.check.${check.name}`),
      answer: check.answer,
      elapsed: formatSeconds(check.elapsedMs),
      interval: formatSeconds(intervalMs),
    }),
    t('release.canary_failed.hint'),
  );
}

function revertFailed(failure: Error, revertErr: unknown, version_name: string, origin: Split): ActionError {
  const restore = asTrafficSplitInput(origin);
  return new ActionError(
    t('release.revert_failed', { failure: failure.message, error: errorMessage(revertErr), version: version_name, restore }),
    t('release.revert_failed.hint', { restore }),
    { cause: failure },
  );
}
