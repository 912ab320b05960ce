import { CancelledError, cancelSignal } from '../../cancel.ts';
import { mapWithConcurrency } from '../../concurrency.ts';
import { clock } from '../../clock.ts';
import { ActionError, errorMessage } from '../../errors.ts';
import { mayHaveTakenEffect } from '../../http/platform-error.ts';
import type { DeleteVersionsConfig } from '../../inputs/delete-versions.ts';
import type { DeleteVersionsResult, ItemResult, NotPruned, ServicePrune } from '../../result/result.ts';
import { WechatApiError } from '../../wechat/client.ts';
import { isNotFound } from '../../wechat/conditions.ts';
import type { ReleaseService } from '../../wechat/service.ts';
import type { VersionInfo } from '../../wechat/version-list.ts';
import { planDeletion, type DeletionPlan } from './plan.ts';
import * as log from '../../log.ts';

/**
 * Prunes one service: reads all its versions, plans what is safe to delete, deletes it. What became
 * of the service joins the result whatever happens, each delete as it comes, so a run that ends
 * early reports what it did. Returns what failed the service, if anything did, instead of throwing
 * it: the next service is pruned all the same.
 */
export async function pruneService(
  service: ReleaseService,
  config: DeleteVersionsConfig,
  result: DeleteVersionsResult,
): Promise<ActionError | undefined> {
  let versions: VersionInfo[];
  try {
    versions = await readVersions(service, config.concurrency);
  } catch (err) {
    const message = err instanceof Error ? err.message : errorMessage(err);
    result.services.push(notPruned(service.env, service.name, config, 'versions-unread', `cannot read its versions: ${message}`));
    return new ActionError(
      `Cannot read the versions of ${service.name}, so nothing was deleted: ${message}`,
      err instanceof ActionError ? err.hint : undefined,
      { cause: err },
    );
  }

  const plan = planDeletion(versions, config.selection, clock.now());
  const prune: ServicePrune = {
    env_id: service.env,
    service_name: service.name,
    items: [
      ...plan.refused.map((r): ItemResult => ({ name: r.version_name, outcome: 'failed', message: `refused: ${r.reason}` })),
      ...plan.skipped.map((s): ItemResult => ({ name: s.version_name, outcome: 'skipped', message: s.reason })),
    ],
    deletesService: config.deleteService && plan.removesAll,
    deleteImage: config.deleteImage,
    serviceDeleted: false,
  };
  result.services.push(prune);
  await log.group(`Plan for ${service.name}`, () => logPlan(plan, service.name, config, prune.deletesService));
  if (config.dryRun) {
    prune.items.unshift(...plan.remove.map((v): ItemResult => ({ name: v.version_name, outcome: 'would-delete' })));
  } else if (plan.remove.length) {
    const outcomes = await log.group(`Delete ${plan.remove.length} versions of ${service.name}`, () =>
      deleteAll(service, config, plan.remove, prune),
    );
    // Only a confirmed delete of the last version, sent with is_delete_server, says the service went too.
    prune.serviceDeleted = prune.deletesService && outcomes.every((o) => o.outcome !== 'failed') && outcomes.at(-1)?.outcome === 'deleted';
  }
  return failedVersions(prune);
}

/** Once the job is cancelled, nothing more is started: why, as each thing left reports it. */
export function notAttempted(): string | undefined {
  const signal = cancelSignal();
  return signal?.aborted ? `not attempted: the run was cancelled (${String(signal.reason)})` : undefined;
}

/** A service with nothing done to it, and why. */
export function notPruned(
  env_id: string,
  service_name: string,
  config: DeleteVersionsConfig,
  code: NotPruned['code'],
  message: string,
): ServicePrune {
  return {
    env_id,
    service_name,
    items: [],
    deletesService: false,
    deleteImage: config.deleteImage,
    serviceDeleted: false,
    notPruned: { code, message },
  };
}

function readVersions(service: ReleaseService, concurrency: number): Promise<VersionInfo[]> {
  return log.group(`Read the versions of ${service.name}`, async () => {
    const list = await service.versions(concurrency).catch((err: unknown) => {
      log.info(`Not read: ${err instanceof Error ? err.message : errorMessage(err)}`);
      throw err;
    });
    for (const v of list)
      log.info(
        `${v.version_name}  status ${v.status || '(none)'}  flow_ratio ${v.flow_ratio ?? '(unknown)'}  created ${v.created_time || '(unknown)'}`,
      );
    log.info(`${list.length} versions.`);
    return list;
  });
}

function failedVersions(prune: ServicePrune): ActionError | undefined {
  const failed = prune.items.filter((i) => i.outcome === 'failed');
  if (!failed.length) return undefined;
  return new ActionError(
    `${failed.length} version${failed.length === 1 ? '' : 's'} of ${prune.service_name} could not be deleted:\n` +
      failed
        .map((f) => `  - ${f.name}: ${f.code === undefined || f.code === 'not-attempted' ? '' : `errcode ${f.code}: `}${f.message}`)
        .join('\n'),
    failed.some((f) => f.code === undefined && f.message?.startsWith('refused'))
      ? 'a version that receives traffic or is still being built or deployed is never deleted: move its traffic away or wait, or leave it out of versions'
      : 'every outcome is in the job summary and the failed_versions output; re-running deletes what is left',
  );
}

/**
 * Deletes with bounded concurrency; one failure does not stop the others. Each outcome joins the
 * result as it comes. When the service goes too, its last version is deleted on its own at the
 * end, and only with is_delete_server when every other version is gone (the platform accepts it
 * only with the last version).
 */
async function deleteAll(
  service: ReleaseService,
  config: DeleteVersionsConfig,
  remove: readonly VersionInfo[],
  prune: ServicePrune,
): Promise<ItemResult[]> {
  const last = prune.deletesService ? remove.at(-1) : undefined;
  const first = last ? remove.slice(0, -1) : remove;
  const done = (outcome: ItemResult) => (prune.items.push(outcome), outcome);
  const outcomes = await mapWithConcurrency(first, config.concurrency, async (v) =>
    done(await deleteOne(service, v.version_name, false, false)),
  );
  if (last) {
    const othersGone = outcomes.every((o) => o.outcome !== 'failed');
    if (!othersGone) log.warning(`Some versions could not be deleted, so service ${service.name} is kept.`);
    outcomes.push(done(await deleteOne(service, last.version_name, othersGone, othersGone && config.deleteImage)));
  }
  // In the order of the plan (oldest first), whatever order the deletes finished in.
  const order = new Map(remove.map((v, i) => [v.version_name, i]));
  const planned = (i: ItemResult) => order.get(i.name) ?? -1;
  prune.items.sort((a, b) => planned(a) - planned(b));
  return outcomes;
}

/**
 * deleted: confirmed by errcode 0. absent: a retry found the version gone after an attempt that
 * may have deleted it, so it is gone but this run does not claim it. Once the job is cancelled, no
 * delete starts: the ones left are reported not attempted.
 */
async function deleteOne(service: ReleaseService, version_name: string, withService: boolean, withImage: boolean): Promise<ItemResult> {
  const cancelled = notAttempted();
  if (cancelled) return { name: version_name, outcome: 'failed', code: 'not-attempted', message: cancelled };
  const also = withService ? ` and service ${service.name}${withImage ? ' with its image' : ''}` : '';
  try {
    await service.deleteVersion(version_name, { withService, withImage });
    log.info(`Deleted ${version_name}${also}.`);
    return { name: version_name, outcome: 'deleted' };
  } catch (err) {
    if (err instanceof WechatApiError) {
      // The version was in the list just read; "not found" after an attempt that may have landed
      // means it is gone, most likely by that attempt, but no answer confirmed it.
      if (isNotFound(err) && err.earlierAttemptMayHaveLanded) {
        log.info(`${version_name}${also} is already absent: an earlier attempt got no answer, and the retry found it gone.`);
        return { name: version_name, outcome: 'absent' };
      }
      log.warning(`Could not delete ${version_name}: ${err.message}`);
      return { name: version_name, outcome: 'failed', code: err.errcode, message: err.errmsg };
    }
    // No errcode came back: the delete may or may not have happened. A cancel ends the retries,
    // after an attempt whose answer said nothing either way.
    const message =
      err instanceof CancelledError
        ? `outcome unknown: the run was cancelled (${err.signal}) before WeChat confirmed it`
        : `${mayHaveTakenEffect(err) ? 'outcome unknown: ' : ''}${errorMessage(err)}`;
    log.warning(`Could not delete ${version_name}: ${message}`);
    return { name: version_name, outcome: 'failed', message };
  }
}

function logPlan(plan: DeletionPlan, service_name: string, config: DeleteVersionsConfig, deletesService: boolean): void {
  const verb = config.dryRun ? 'Dry run: would delete' : 'To delete';
  log.info(`${verb} ${plan.remove.length} versions${plan.remove.length ? `: ${plan.remove.map((v) => v.version_name).join(', ')}` : ''}`);
  if (deletesService)
    log.info(
      `${config.dryRun ? 'Dry run: would delete' : 'Then delete'} service ${service_name} with its last version${config.deleteImage ? ', and its image' : ''}.`,
    );
  else if (config.deleteService) log.info(`Service ${service_name} is kept: versions remain.`);
  for (const s of plan.skipped) log.info(`Skip ${s.version_name}: ${s.reason}`);
  for (const r of plan.refused) log.warning(`Refuse ${r.version_name}: ${r.reason}`);
}
