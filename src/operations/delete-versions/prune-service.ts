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
import { t } from '../../messages/messages.ts';

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
    result.services.push(notPruned(service.env, service.name, config, 'versions-unread', t('prune.versions_unread', { error: message })));
    return new ActionError(
      t('prune.cannot_read_versions', { service: service.name, error: message }),
      err instanceof ActionError ? err.hint : undefined,
      { cause: err },
    );
  }

  const plan = planDeletion(versions, config.selection, clock.now());
  const prune: ServicePrune = {
    env_id: service.env,
    service_name: service.name,
    items: [
      ...plan.refused.map((r): ItemResult => ({
        name: r.version_name,
        outcome: 'failed',
        message: t('prune.refused', { reason: r.reason }),
      })),
      ...plan.skipped.map((s): ItemResult => ({ name: s.version_name, outcome: 'skipped', message: s.reason })),
    ],
    deletesService: config.deleteService && plan.removesAll,
    deleteImage: config.deleteImage,
    serviceDeleted: false,
  };
  result.services.push(prune);
  await log.group(t('prune.plan_group', { service: service.name }), () => logPlan(plan, service.name, config, prune.deletesService));
  if (config.dryRun) {
    prune.items.unshift(...plan.remove.map((v): ItemResult => ({ name: v.version_name, outcome: 'would-delete' })));
  } else if (plan.remove.length) {
    const outcomes = await log.group(t('prune.delete_group', { count: plan.remove.length, service: service.name }), () =>
      deleteAll(service, config, plan.remove, prune),
    );
    // Only a confirmed delete of the last version, sent with is_delete_server, says the service went too.
    prune.serviceDeleted = prune.deletesService && outcomes.every((o) => o.outcome !== 'failed') && outcomes.at(-1)?.outcome === 'deleted';
  }
  return failedVersions(prune, plan.refused.length > 0);
}

/** Once the job is cancelled, nothing more is started: why, as each thing left reports it. */
export function notAttempted(): string | undefined {
  const signal = cancelSignal();
  return signal?.aborted ? t('prune.not_attempted', { signal: String(signal.reason) }) : undefined;
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
  return log.group(t('prune.read_versions', { service: service.name }), async () => {
    const list = await service.versions(concurrency).catch((err: unknown) => {
      log.info(t('prune.not_read', { error: err instanceof Error ? err.message : errorMessage(err) }));
      throw err;
    });
    for (const v of list)
      log.info(
        t('prune.version_line', {
          version: v.version_name,
          status: v.status || t('prune.none'),
          flow_ratio: v.flow_ratio ?? t('prune.unknown'),
          created: v.created_time || t('prune.unknown'),
        }),
      );
    log.info(t('prune.versions_read', { count: list.length }));
    return list;
  });
}

/** What failed the service, if anything did; refused: the plan refused a named version. */
function failedVersions(prune: ServicePrune, refused: boolean): ActionError | undefined {
  const failed = prune.items.filter((i) => i.outcome === 'failed');
  if (!failed.length) return undefined;
  const said = (f: ItemResult) =>
    f.code === undefined || f.code === 'not-attempted'
      ? f.message
      : t('prune.failed_errcode', { code: f.code, message: String(f.message) });
  return new ActionError(
    `${t('prune.failed_versions', { count: failed.length, service: prune.service_name })}\n` +
      failed.map((f) => `  - ${f.name}: ${said(f)}`).join('\n'),
    refused ? t('prune.refused.hint') : t('prune.failed.hint'),
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
    if (!othersGone) log.warning(t('prune.service_kept', { service: service.name }));
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
  const also = withService ? t(withImage ? 'prune.also_service_image' : 'prune.also_service', { service: service.name }) : '';
  try {
    await service.deleteVersion(version_name, { withService, withImage });
    log.info(t('prune.deleted', { version: version_name, also }));
    return { name: version_name, outcome: 'deleted' };
  } catch (err) {
    if (err instanceof WechatApiError) {
      // The version was in the list just read; "not found" after an attempt that may have landed
      // means it is gone, most likely by that attempt, but no answer confirmed it.
      if (isNotFound(err) && err.earlierAttemptMayHaveLanded) {
        log.info(t('prune.absent', { version: version_name, also }));
        return { name: version_name, outcome: 'absent' };
      }
      log.warning(t('prune.could_not_delete', { version: version_name, error: err.message }));
      return { name: version_name, outcome: 'failed', code: err.errcode, message: err.errmsg };
    }
    // No errcode came back: the delete may or may not have happened. A cancel ends the retries,
    // after an attempt whose answer said nothing either way.
    const message =
      err instanceof CancelledError
        ? t('prune.cancelled_unconfirmed', { signal: err.signal })
        : mayHaveTakenEffect(err)
          ? t('run.outcome_unknown', { message: errorMessage(err) })
          : errorMessage(err);
    log.warning(t('prune.could_not_delete', { version: version_name, error: message }));
    return { name: version_name, outcome: 'failed', message };
  }
}

function logPlan(plan: DeletionPlan, service_name: string, config: DeleteVersionsConfig, deletesService: boolean): void {
  const remove = { count: plan.remove.length, names: plan.remove.map((v) => v.version_name).join(', ') };
  if (config.dryRun) log.info(remove.count ? t('prune.plan_dry_run', remove) : t('prune.plan_dry_run_none'));
  else log.info(remove.count ? t('prune.plan', remove) : t('prune.plan_none'));
  const service = { service: service_name };
  if (deletesService && config.deleteImage)
    log.info(t(config.dryRun ? 'prune.plan_service_image_dry_run' : 'prune.plan_service_image', service));
  else if (deletesService) log.info(t(config.dryRun ? 'prune.plan_service_dry_run' : 'prune.plan_service', service));
  else if (config.deleteService) log.info(t('prune.service_kept_versions_remain', service));
  for (const s of plan.skipped) log.info(t('prune.skip', { version: s.version_name, reason: s.reason }));
  for (const r of plan.refused) log.warning(t('prune.refuse', { version: r.version_name, reason: r.reason }));
}
