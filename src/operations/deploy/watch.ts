import { ActionError, errorMessage, quoted } from '../../errors.ts';
import { CancelledError } from '../../cancel.ts';
import { clock } from '../../clock.ts';
import { formatSeconds } from '../../duration.ts';
import type { WatchConfig } from '../../inputs/deploy.ts';
import type { RolloutOutcome, StatusChange } from '../../result/result.ts';
import { isRetryable } from '../../http/call-kind.ts';
import type { ReleaseService } from '../../wechat/service.ts';
import { classifyStatus } from '../../wechat/version-status.ts';
import { ListChangedError } from '../../wechat/paging.ts';
import type { VersionInfo } from '../../wechat/version-list.ts';
import type { Deployment } from './deployment.ts';
import * as log from '../../log.ts';
import { t } from '../../messages/messages.ts';

// Waiting for a rolling update, or a created version, to finish. The platform has no progress-by-run_id API, so the
// watcher polls the service's versions and works out which one the rollout produced:
// - a version that was not in the list read just before the rolling update was sent is the
//   rollout's (the newest such, by created_time). Names are compared rather than times because
//   the platform's times have no zone and whole seconds, and the runner's clock may differ;
// - if none appears, the platform may update the replaced version in place: the replaced version
//   (version_name, or the newest one for latest) counts once its status or updated_time changes.
// Once that version is ready, getcsversiondetail tells which image it runs: another image than the
// one requested means the platform rolled back. For a version updated in place that is only
// believed once it was seen in progress, as it may simply not have switched images yet. Two deploys of one service at once can confuse
// this, which is why the README recommends a workflow `concurrency` group.

export interface RolloutToWatch {
  readonly service: ReleaseService;
  readonly runId: string;
  readonly image_url: string;
  /** The version_name input: the version the rolling update replaces, or latest. */
  readonly replaces: string;
  /** The version createcloudbaserunserverversion named: no need to work out which one it is. */
  readonly created?: string;
  /** The versions listed just before the rolling update was sent. */
  readonly before: readonly VersionInfo[];
  /** clock.now() when the rolling update was accepted. */
  readonly acceptedAt: number;
}

export interface WatchResult {
  readonly outcome: RolloutOutcome;
  /** The version the rollout produced; empty when none appeared. */
  readonly version_name: string;
  /** Its last status; accepted while no version appeared. */
  readonly status: string;
  /** The image that version runs, once it is ready; empty before. */
  readonly image_url: string;
  readonly timeline: readonly StatusChange[];
  /** The service's versions as last read. */
  readonly versions: readonly VersionInfo[];
  /** The last transient error a poll ended with, if polling went on after it. */
  readonly lastError: string | undefined;
}

const MAX_INTERVAL_FACTOR = 4;

/** Waits for the release to end; returns the result and the error that fails the step, if any. */
export async function watchRelease(
  d: Deployment,
  watch: WatchConfig,
  release: { runId: string; before: readonly VersionInfo[]; created?: string },
): Promise<{ watched: WatchResult; failure: ActionError | undefined }> {
  const target: RolloutToWatch = {
    service: d.service,
    runId: release.runId,
    image_url: d.config.image.image_url,
    replaces: d.config.rollout.replaces,
    created: release.created,
    before: release.before,
    acceptedAt: clock.now(),
  };
  const [service, timeout] = [d.service.name, formatSeconds(watch.timeoutMs)];
  const title = release.created
    ? t('release.wait_for_version', { version: release.created, service, timeout })
    : t('release.wait_for_new', { service, timeout });
  const watched = await log.group(title, () => watchRollout(target, watch));
  return { watched, failure: watchFailure(watched, target, watch) };
}

/** Polls until the produced version is ready, has failed, or the timeout runs out. */
export async function watchRollout(rollout: RolloutToWatch, options: WatchConfig): Promise<WatchResult> {
  const deadline = rollout.acceptedAt + options.timeoutMs;
  const timeline: StatusChange[] = [{ status: 'accepted', elapsedMs: 0 }];
  let current = { version_name: '', status: 'accepted', image_url: '' };
  let versions: readonly VersionInfo[] = rollout.before;
  let lastError: string | undefined;
  let delay = options.pollIntervalMs;
  let sawProgress = false;

  const result = (outcome: WatchResult['outcome']): WatchResult => ({ outcome, ...current, timeline, versions, lastError });

  for (;;) {
    let changed = false;
    try {
      versions = await rollout.service.versions();
      lastError = undefined;
      const found = rollout.created
        ? versions.filter((v) => v.version_name === rollout.created).map((version) => ({ version, inPlace: false }))[0]
        : findProduced(versions, rollout.before, rollout.replaces);
      if (found) {
        const produced = found.version;
        changed = produced.version_name !== current.version_name || produced.status !== current.status;
        current = { version_name: produced.version_name, status: produced.status, image_url: '' };
        if (changed) {
          const elapsedMs = clock.now() - rollout.acceptedAt;
          timeline.push({ status: produced.status, elapsedMs });
          log.info(
            t('release.version_status', {
              elapsed: formatSeconds(elapsedMs),
              version: produced.version_name,
              status: describeStatus(produced.status),
            }),
          );
        }
        const state = classifyStatus(produced.status);
        if (state === 'failed') return result('failed');
        if (state === 'in-progress') sawProgress = true;
        if (state === 'ready') {
          const detail = await rollout.service.detail(produced.version_name);
          current = { ...current, image_url: detail.image_url };
          if (sameImage(detail.image_url, rollout.image_url)) return result('ready');
          if (!found.inPlace || sawProgress) return result('rolled_back');
        }
      }
    } catch (err) {
      // A cancel ends the wait as it is; the caller says what it leaves.
      if (err instanceof CancelledError) throw err;
      // The client already retried; a transient failure that outlasts that must not end a long wait.
      if (!isRetryable(err, 'read') && !(err instanceof ListChangedError)) throw lostTrack(err, rollout);
      lastError = errorMessage(err);
      log.warning(t('release.poll_failed', { service: rollout.service.name, error: lastError }));
    }
    // Never poll faster than poll_interval: stop when the next poll would come after the deadline.
    const left = deadline - clock.now();
    if (left < options.pollIntervalMs) return result('timeout');
    // Not a retry's backoff (src/http/retry.ts: a failed call, jittered, within retry_budget): a
    // poll that found nothing new waits a little longer, up to 4 poll intervals, and is quick again
    // once something moves.
    delay = changed ? options.pollIntervalMs : Math.min(delay * 1.5, options.pollIntervalMs * MAX_INTERVAL_FACTOR);
    await clock.sleep(Math.min(delay, left));
  }
}

/** The version the rollout produced, as the module comment explains; undefined while none is seen. */
export function findProduced(
  versions: readonly VersionInfo[],
  before: readonly VersionInfo[],
  replaces: string,
): { version: VersionInfo; inPlace: boolean } | undefined {
  const known = new Map(before.map((v) => [v.version_name, v]));
  const fresh = versions.filter((v) => !known.has(v.version_name));
  if (fresh.length) return { version: newest(fresh)!, inPlace: false };
  const replacedName = replaces === 'latest' ? newest(before)?.version_name : replaces;
  const old = replacedName === undefined ? undefined : known.get(replacedName);
  const now = versions.find((v) => v.version_name === replacedName);
  if (!old || !now) return undefined;
  return now.status !== old.status || now.updated_time !== old.updated_time ? { version: now, inPlace: true } : undefined;
}

function newest(versions: readonly VersionInfo[]): VersionInfo | undefined {
  const at = (v: VersionInfo) => v.createdAt ?? -Infinity;
  return versions.length ? versions.reduce((a, b) => (at(b) > at(a) ? b : a)) : undefined;
}

/** The same image, whether or not either side carries a scheme, trailing slash or upper-case host. */
export function sameImage(a: string, b: string): boolean {
  const norm = (ref: string) => {
    const bare = ref
      .trim()
      .replace(/^[a-z]+:\/\//i, '')
      .replace(/\/+$/, '');
    const slash = bare.indexOf('/');
    return slash < 0 ? bare : bare.slice(0, slash).toLowerCase() + bare.slice(slash);
  };
  return norm(a) === norm(b);
}

/** The error that fails the step for a rollout that did not end ready; undefined when it did. */
export function watchFailure(result: WatchResult, rollout: RolloutToWatch, options: WatchConfig): ActionError | undefined {
  const v = result.version_name;
  const ref = t('release.ref', { run_id: rollout.runId, elapsed: formatSeconds(result.timeline.at(-1)?.elapsedMs ?? 0) });
  const [service, env, image] = [rollout.service.name, rollout.service.env, rollout.image_url];
  const logs = t('release.logs', { version: v, service, env });
  switch (result.outcome) {
    case 'ready':
      return undefined;
    case 'failed':
      return new ActionError(
        t('release.rollout_failed', { version: v, status: result.status, ref }),
        result.status.toLowerCase().includes('build')
          ? t('release.rollout_failed.build_hint', { image, logs })
          : t('release.rollout_failed.health_hint', { logs }),
      );
    case 'rolled_back':
      return new ActionError(
        t('release.rolled_back', { version: v, status: result.status, runs: result.image_url || t('release.no_image'), image, ref }),
        t('release.rolled_back.hint', { logs }),
      );
    case 'timeout':
      return new ActionError(
        t('release.timeout', {
          timeout: formatSeconds(options.timeoutMs),
          state: v
            ? t('release.timeout.still', { version: v, status: result.status || t('release.no_status') })
            : t('release.timeout.none'),
          runs: result.image_url ? t('release.timeout.runs', { runs: result.image_url, image }) : '',
          run_id: rollout.runId,
          last: result.lastError ? t('release.timeout.last_poll', { error: result.lastError }) : '',
        }),
        t('release.timeout.hint', { service, env }),
      );
  }
}

function lostTrack(err: unknown, rollout: RolloutToWatch): ActionError {
  const goesOn = t('release.lost_track.hint', { service: rollout.service.name, env: rollout.service.env });
  return new ActionError(
    t('release.lost_track', { run_id: rollout.runId, error: err instanceof ActionError ? err.message : errorMessage(err) }),
    err instanceof ActionError && err.hint ? t('run.two_hints', { first: err.hint, then: goesOn }) : goesOn,
    { cause: err },
  );
}

/** A status for a log line: the platform's word, or its text quoted and escaped when it is not one. */
function describeStatus(status: string): string {
  if (!status) return t('release.no_status');
  return classifyStatus(status) === 'unknown' ? t('release.unknown_status', { status: quoted(status, 64) }) : status;
}
