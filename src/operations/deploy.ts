import { ActionError, errorMessage } from '../errors.ts';
import { clock } from '../clock.ts';
import type { DeployConfig } from '../inputs/deploy.ts';
import { formatSeconds, markdownTable, setOutputs, writeSummary } from '../report.ts';
import { HttpError } from '../http/request.ts';
import { UnreadableAnswerError } from '../http/answer.ts';
import { WechatApiError, type WechatClient } from '../wechat/client.ts';
import { isAlreadyExists, isNotFound, isReleaseInProgress } from '../wechat/conditions.ts';
import { connectWechat } from '../wechat/connect.ts';
import { listVersions, ServiceNotFoundError, type VersionInfo } from '../wechat/version-list.ts';
import { describeSplit, planTraffic, shiftTraffic } from './deploy-traffic.ts';
import { watchFailure, watchRollout, type RolloutToWatch, type StatusChange, type WatchResult } from './deploy-watch.ts';
import * as log from '../log.ts';

const ROLLOUT_API = 'rollupdatecloudbaserunserverversion';
const CREATE_API = 'establishcloudbaserunserver';

/**
 * Ships config.image as a rolling update of the service, creating the service first if asked; then,
 * unless wait is false, waits for the new version to be ready and sets the traffic split.
 */
export async function deploy(config: DeployConfig): Promise<void> {
  const started = clock.now();
  const { env_id, service_name } = config.target;
  const client = await connectWechat(config.target, config.network);

  // With create_service, the lookup's list also serves as the versions before the rollout.
  const { created: serviceCreated, versions: known } = config.createService
    ? await ensureService(client, config)
    : { created: false, versions: undefined };

  const body = {
    env_id,
    server_name: service_name,
    upload_type: 'image',
    image_info: config.image,
    ...config.rollout,
  };
  const requested = String(config.rollout.version_name);
  const report = (outcome: Outcome) => writeReport(config, body, { ...outcome, serviceCreated, durationMs: clock.now() - started });

  if (config.dryRun) {
    log.info(`Dry run: would POST componenttcb/${ROLLOUT_API} with:\n${JSON.stringify(body, null, 2)}`);
    if (config.watch)
      log.info(
        `Dry run: would then wait up to ${formatSeconds(config.watch.timeoutMs)} for the new version${config.watch.traffic === undefined ? '' : ` and send it ${config.watch.traffic}% of the traffic`}.`,
      );
    return report({ runId: '', version_name: requested, status: 'dry_run', image_url: config.image.image_url });
  }

  const { runId, before } = await log.group(`Rolling update of ${service_name} to ${config.image.image_url}`, () =>
    rolloutWhenFree(client, config, body, known),
  );
  const acceptedAt = clock.now();
  log.info(`Rolling update accepted: run_id ${runId}`);
  if (!config.watch) return report({ runId, version_name: requested, status: 'accepted', image_url: config.image.image_url });

  const watch = config.watch;
  const target: RolloutToWatch = {
    env: env_id,
    service_name,
    runId,
    image_url: config.image.image_url,
    replaces: requested,
    before,
    acceptedAt,
  };
  const watched = await log.group(`Wait for the new version of ${service_name} (timeout ${formatSeconds(watch.timeoutMs)})`, () =>
    watchRollout(client, target, watch),
  );
  let failure: Error | undefined = watchFailure(watched, target, watch);
  let versions = watched.versions;
  if (!failure && watch.traffic !== undefined) {
    // Reported below like a failed rollout, so the outputs still say which version is up.
    versions = await sendTraffic(client, target, watched.version_name, watch.traffic, versions).catch((err: unknown) => {
      failure = err instanceof Error ? err : new Error(errorMessage(err));
      return versions;
    });
  }
  report({
    runId,
    version_name: watched.version_name,
    status: watched.status,
    image_url: watched.image_url || config.image.image_url,
    watched: { timeline: watched.timeline, split: describeSplit(versions), outcome: watched.outcome },
  });
  if (failure) throw failure;
}

/** Gives the ready version its share; returns the versions as the platform lists them afterwards. */
function sendTraffic(
  client: WechatClient,
  target: RolloutToWatch,
  version_name: string,
  traffic: number,
  versions: readonly VersionInfo[],
): Promise<VersionInfo[]> {
  return log.group(`Send ${traffic}% of the traffic to ${version_name}`, async () => {
    const items = planTraffic(version_name, traffic, versions);
    log.info(`setcspropotion: ${items.map((i) => `${i.version_name} ${i.flow_ratio}%`).join(', ')}`);
    return shiftTraffic(client, target.env, target.service_name, items);
  });
}

interface Outcome {
  readonly runId: string;
  readonly version_name: string;
  readonly status: string;
  readonly image_url: string;
  readonly watched?: { readonly timeline: readonly StatusChange[]; readonly split: string; readonly outcome: WatchResult['outcome'] };
}

/** Outputs and the job summary; written on failures of the rollout too, for later steps and readers. */
function writeReport(
  config: DeployConfig,
  body: Record<string, unknown>,
  o: Outcome & { readonly serviceCreated: boolean; readonly durationMs: number },
): void {
  const { env_id, service_name } = config.target;
  setOutputs({
    run_id: o.runId,
    version_name: o.version_name,
    service_created: o.serviceCreated,
    status: o.status,
    image_url: o.image_url,
    duration_seconds: (o.durationMs / 1000).toFixed(1),
  });
  const watched = o.watched
    ? `\n### Rollout: ${o.watched.outcome}\n\n` +
      markdownTable(
        ['Status', 'Elapsed'],
        o.watched.timeline.map((c) => [c.status || '(no status)', formatSeconds(c.elapsedMs)]),
      ) +
      `\nTraffic split: ${o.watched.split}\n`
    : '';
  writeSummary(
    `## ${config.dryRun ? 'Deploy (dry run)' : 'Deploy'}: ${service_name}\n\n` +
      markdownTable(
        ['Service', 'Environment', 'Image', 'Version', 'Run ID', 'Service created', 'Status', 'Duration'],
        [
          [
            service_name,
            env_id,
            o.image_url,
            o.version_name || '(none)',
            o.runId || '(dry run)',
            o.serviceCreated ? 'yes' : 'no',
            o.status,
            formatSeconds(o.durationMs),
          ],
        ],
      ) +
      watched +
      (config.dryRun
        ? `\nRequest that would be sent to \`componenttcb/${ROLLOUT_API}\`:\n\n\`\`\`json\n${JSON.stringify(body, null, 2)}\n\`\`\`\n`
        : ''),
  );
}

/**
 * Sends the rolling update, first waiting out another release of the service for up to `timeout`
 * (the platform refuses a second one while one runs). Returns the run_id and the versions that
 * existed just before the accepted attempt, so the watcher can tell the version it produces.
 */
async function rolloutWhenFree(
  client: WechatClient,
  config: DeployConfig,
  body: Record<string, unknown>,
  known: VersionInfo[] | undefined,
): Promise<{ runId: string; before: VersionInfo[] }> {
  const { env_id, service_name } = config.target;
  const { timeoutMs, pollIntervalMs } = config.timing;
  const deadline = clock.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    // Read again before each retry: the release that was running has made a version of its own.
    const before = attempt === 0 && known ? known : config.watch ? await listVersions(client, env_id, service_name) : [];
    try {
      return { runId: await rollout(client, body), before };
    } catch (err) {
      if (!(err instanceof WechatApiError && isReleaseInProgress(err))) throw err;
      if (clock.now() + pollIntervalMs > deadline) {
        throw new ActionError(
          `Another release of ${service_name} was still running after ${formatSeconds(timeoutMs)}: ${err.errmsg}`,
          'wait for it to finish (see the Cloud Hosting console) or raise timeout; a workflow concurrency group per service keeps your own releases from overlapping',
        );
      }
      log.info(
        `Another release of ${service_name} is running (${err.errmsg}); waiting for it, trying again in ${formatSeconds(pollIntervalMs)}.`,
      );
      await clock.sleep(pollIntervalMs);
    }
  }
}

async function rollout(client: WechatClient, body: Record<string, unknown>): Promise<string> {
  try {
    const answer = await client.call(ROLLOUT_API, body, 'once');
    if (typeof answer.run_id !== 'string' || !answer.run_id) {
      throw new ActionError(
        `${ROLLOUT_API} answered without a run_id (result: ${JSON.stringify(answer.result ?? null)})`,
        'check the release in the Cloud Hosting console before re-running',
      );
    }
    return answer.run_id;
  } catch (err) {
    if (err instanceof WechatApiError && isNotFound(err)) {
      throw new ActionError(
        err.message,
        `the service "${String(body.server_name)}" may not exist in environment ${String(body.env_id)}: set create_service: true to create it`,
      );
    }
    if ((err instanceof HttpError && err.mayHaveReachedServer) || err instanceof UnreadableAnswerError) {
      // Not retried: a second rolling update could stack a release on the first.
      const hint = 'the release may have started: check the service in the Cloud Hosting console before re-running';
      throw new ActionError(
        `${ROLLOUT_API}: the outcome is unknown (${(err as Error).message})`,
        err instanceof HttpError && err.hint ? `${hint}. Network: ${err.hint}` : hint,
      );
    }
    throw err;
  }
}

/**
 * Looks the service up and creates it when missing. Returns whether it was created, and the
 * versions it has (none when created; undefined on a dry run that would create it).
 */
async function ensureService(
  client: WechatClient,
  config: DeployConfig,
): Promise<{ created: boolean; versions: VersionInfo[] | undefined }> {
  const { env_id, service_name } = config.target;
  return log.group(`Make sure service ${service_name} exists`, async () => {
    try {
      const versions = await listVersions(client, env_id, service_name);
      log.info(`Service ${service_name} exists.`);
      return { created: false, versions };
    } catch (err) {
      if (!(err instanceof ServiceNotFoundError)) throw err;
    }
    const body = { env_id, service_name, ...config.service };
    if (config.dryRun) {
      log.info(
        `Dry run: service ${service_name} does not exist; would POST componenttcb/${CREATE_API} with:\n${JSON.stringify(body, null, 2)}`,
      );
      return { created: false, versions: undefined };
    }
    try {
      await client.call(CREATE_API, body, 'idempotent');
    } catch (err) {
      // A retried create may find the service its first attempt made.
      if (err instanceof WechatApiError && isAlreadyExists(err)) {
        log.info(`Service ${service_name} already exists.`);
        return { created: false, versions: undefined };
      }
      throw err;
    }
    log.info(`Created service ${service_name}.`);
    return { created: true, versions: [] };
  });
}
