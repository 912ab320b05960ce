import { mapWithConcurrency } from '../../concurrency.ts';
import { clock } from '../../clock.ts';
import { ActionError, errorMessage } from '../../errors.ts';
import { mayHaveTakenEffect } from '../../http/platform-error.ts';
import type { DeleteVersionsConfig } from '../../inputs/delete-versions.ts';
import type { DeleteVersionsResult, ItemResult, ServicePrune } from '../../result/result.ts';
import { WechatApiError } from '../../wechat/client.ts';
import { isNotFound } from '../../wechat/conditions.ts';
import { connectWechat } from '../../wechat/connect.ts';
import { CloudService } from '../../wechat/service.ts';
import type { VersionInfo } from '../../wechat/version-list.ts';
import { planDeletion, type DeletionPlan } from './plan.ts';
import * as log from '../../log.ts';

export function begin(config: DeleteVersionsConfig): DeleteVersionsResult {
  return {
    operation: 'delete-versions',
    dryRun: config.dryRun,
    env_id: config.target.env_id,
    service_name: config.target.service_name,
    services: [],
    wouldSend: [],
  };
}

/** Prunes versions of a service: reads them all, plans what is safe to delete, deletes it. */
export async function execute(config: DeleteVersionsConfig, result: DeleteVersionsResult): Promise<void> {
  const client = await connectWechat(config.target, config.network, config.dryRun);
  const service = new CloudService(client, config.target.env_id, config.target.service_name);
  const prune = await pruneService(service, config, result);
  const failed = prune.items.filter((i) => i.outcome === 'failed');
  if (failed.length) {
    throw new ActionError(
      `${failed.length} version${failed.length === 1 ? '' : 's'} of ${service.name} could not be deleted:\n` +
        failed.map((f) => `  - ${f.name}: ${f.code === undefined ? '' : `errcode ${f.code}: `}${f.message}`).join('\n'),
      failed.some((f) => f.code === undefined && f.message?.startsWith('refused'))
        ? 'a version that receives traffic or is still being built or deployed is never deleted: move its traffic away or wait, or leave it out of versions'
        : 'every outcome is in the job summary and the failed_versions output; re-running deletes what is left',
    );
  }
}

async function pruneService(service: CloudService, config: DeleteVersionsConfig, result: DeleteVersionsResult): Promise<ServicePrune> {
  const versions = await log.group(`Read the versions of ${service.name}`, async () => {
    try {
      const list = await service.versions(config.concurrency);
      for (const v of list)
        log.info(
          `${v.version_name}  status ${v.status || '(none)'}  flow_ratio ${v.flow_ratio ?? '(unknown)'}  created ${v.created_time || '(unknown)'}`,
        );
      log.info(`${list.length} versions.`);
      return list;
    } catch (err) {
      const message = err instanceof Error ? err.message : errorMessage(err);
      throw new ActionError(
        `Cannot read the versions of ${service.name}, so nothing was deleted: ${message}`,
        err instanceof ActionError ? err.hint : undefined,
        { cause: err },
      );
    }
  });

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
  await log.group('Plan', () => logPlan(plan, config, prune.deletesService));
  if (config.dryRun) {
    prune.items.unshift(...plan.remove.map((v): ItemResult => ({ name: v.version_name, outcome: 'would-delete' })));
    return prune;
  }
  if (plan.remove.length) {
    const outcomes = await log.group(`Delete ${plan.remove.length} versions of ${service.name}`, () =>
      deleteAll(service, config, plan.remove, prune),
    );
    // Only a confirmed delete of the last version, sent with is_delete_server, says the service went too.
    prune.serviceDeleted = prune.deletesService && outcomes.every((o) => o.outcome !== 'failed') && outcomes.at(-1)?.outcome === 'deleted';
  }
  return prune;
}

/**
 * Deletes with bounded concurrency; one failure does not stop the others. Each outcome joins the
 * result as it comes, so a run that ends early reports what it did. When the service goes too, its
 * last version is deleted on its own at the end, and only with is_delete_server when every other
 * version is gone (the platform accepts it only with the last version).
 */
async function deleteAll(
  service: CloudService,
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
 * may have deleted it, so it is gone but this run does not claim it.
 */
async function deleteOne(service: CloudService, version_name: string, withService: boolean, withImage: boolean): Promise<ItemResult> {
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
    // No errcode came back: the delete may or may not have happened.
    const message = `${mayHaveTakenEffect(err) ? 'outcome unknown: ' : ''}${errorMessage(err)}`;
    log.warning(`Could not delete ${version_name}: ${message}`);
    return { name: version_name, outcome: 'failed', message };
  }
}

function logPlan(plan: DeletionPlan, config: DeleteVersionsConfig, deletesService: boolean): void {
  const verb = config.dryRun ? 'Dry run: would delete' : 'To delete';
  log.info(`${verb} ${plan.remove.length} versions${plan.remove.length ? `: ${plan.remove.map((v) => v.version_name).join(', ')}` : ''}`);
  if (deletesService)
    log.info(
      `${config.dryRun ? 'Dry run: would delete' : 'Then delete'} service ${config.target.service_name} with its last version${config.deleteImage ? ', and its image' : ''}.`,
    );
  else if (config.deleteService) log.info(`Service ${config.target.service_name} is kept: versions remain.`);
  for (const s of plan.skipped) log.info(`Skip ${s.version_name}: ${s.reason}`);
  for (const r of plan.refused) log.warning(`Refuse ${r.version_name}: ${r.reason}`);
}
