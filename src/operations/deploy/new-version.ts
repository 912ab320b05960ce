import { ActionError, errorMessage } from '../../errors.ts';
import { clock } from '../../clock.ts';
import { formatSeconds } from '../../report.ts';
import { API, describeItems, type CloudService } from '../../wechat/service.ts';
import type { VersionInfo } from '../../wechat/version-list.ts';
import { runCanary, type CanaryCheck, type CanaryResult } from './canary.ts';
import { newVersionBody, sendWhenFree, watchRelease, type Deployment } from './release.ts';
import { shownBody, type DeployOutcome } from './report.ts';
import { currentSplit, mostServing, planTraffic } from '../../traffic/split.ts';
import * as log from '../../log.ts';

/**
 * strategy: new-version (API-NOTES): a new version beside the serving ones, created with no
 * traffic; once it is ready, traffic moves to it step by step, each step watched. A failed check
 * puts back exactly the split from before, and keeps the new version at 0% for inspection. The
 * versions that served before are never changed, so a rollback is one call away.
 */
export async function deployNewVersion(d: Deployment, report: (o: DeployOutcome) => void): Promise<void> {
  const { config, service } = d;
  const serving = mostServing(d.before);
  const previous_version = serving?.version_name ?? '';
  // The settings the inputs leave out are copied from the version that serves now.
  const base = serving ? await service.detail(serving.version_name) : undefined;
  const body = newVersionBody(config, service, 0, base);
  const image_url = config.image.image_url;
  const steps = config.watch?.traffic ?? [];
  // Planned before anything is created: a split the versions cannot give fails now, in a dry run as in a real one.
  const splits = steps.map((percent) => planTraffic('(new version)', percent, d.before));

  if (service.readOnly) {
    log.info(`Dry run: would POST componenttcb/${API.createVersion} with:\n${JSON.stringify(shownBody(body), null, 2)}`);
    for (const split of splits) log.info(`Dry run: then ${API.setSplit}: ${describeItems(split)}`);
    return report({
      runId: '',
      version_name: '',
      status: 'dry_run',
      image_url,
      previous_version,
      wouldSend: [{ api: API.createVersion, body }],
    });
  }

  const { sent, before } = await log.group(`Create a new version of ${service.name} with ${image_url}, with no traffic`, () =>
    sendWhenFree(d, () => service.createVersion(body)),
  );
  log.info(`Version ${sent.version_name} accepted: run_id ${sent.runId}`);
  const accepted = { runId: sent.runId, version_name: sent.version_name, image_url, previous_version };
  if (!config.watch) return report({ ...accepted, status: 'accepted' });

  const { watched, failure } = await watchRelease(d, config.watch, { runId: sent.runId, before, created: sent.version_name });
  const outcome = {
    ...accepted,
    status: watched.status,
    image_url: watched.image_url || image_url,
    watched: { timeline: watched.timeline, outcome: watched.outcome },
  };
  if (failure || !steps.length) {
    report({ ...outcome, split: { before, after: watched.versions } });
    if (failure) throw failure;
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
    report(after ? { ...outcome, status: 'rolled_back', split: { before, after } } : outcome);
    throw err;
  }
  if (!canary.failed) {
    return report({ ...outcome, split: { before, after: canary.versions }, canary: canary.steps });
  }
  const after = await revert(service, before, sent.version_name);
  report({ ...outcome, status: 'rolled_back', split: { before, after }, canary: canary.steps });
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
