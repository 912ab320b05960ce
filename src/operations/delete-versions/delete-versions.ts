import { mapWithConcurrency } from '../../concurrency.ts';
import { clock } from '../../clock.ts';
import { ActionError, errorMessage } from '../../errors.ts';
import { mayHaveTakenEffect } from '../../http/platform-error.ts';
import type { DeleteVersionsConfig } from '../../inputs/delete-versions.ts';
import { formatSeconds, jsonListOutput, markdownTable, setOutputs, writeReportFile, writeSummary } from '../../report.ts';
import { WechatApiError, type WechatClient } from '../../wechat/client.ts';
import { isNotFound } from '../../wechat/conditions.ts';
import { connectWechat } from '../../wechat/connect.ts';
import { listVersions, type VersionInfo } from '../../wechat/version-list.ts';
import { planDeletion, type DeletionPlan } from './plan.ts';
import * as log from '../../log.ts';

const DELETE_API = 'deletecloudbaserunserverversion';

interface Failure {
  readonly version_name: string;
  /** null when WeChat gave no errcode: refused by the action, missing, or a transport failure. */
  readonly errcode: number | null;
  readonly errmsg: string;
}

/**
 * deleted: confirmed by errcode 0. absent: a retry found the version gone after an attempt that
 * may have deleted it, so it is gone but this run does not claim it.
 */
type Outcome = { readonly ok: 'deleted' | 'absent'; readonly version_name: string } | ({ readonly ok: false } & Failure);

/** Prunes versions of a service: reads them all, plans what is safe to delete, deletes it. */
export async function deleteVersions(config: DeleteVersionsConfig): Promise<void> {
  const started = clock.now();
  const { env_id, service_name } = config.target;
  const client = await connectWechat(config.target, config.network, config.dryRun);

  const versions = await log.group(`Read the versions of ${service_name}`, async () => {
    try {
      const list = await listVersions(client, env_id, service_name, config.concurrency);
      for (const v of list)
        log.info(
          `${v.version_name}  status ${v.status || '(none)'}  flow_ratio ${v.flow_ratio ?? '(unknown)'}  created ${v.created_time || '(unknown)'}`,
        );
      log.info(`${list.length} versions.`);
      return list;
    } catch (err) {
      const message = err instanceof Error ? err.message : errorMessage(err);
      throw new ActionError(
        `Cannot read the versions of ${service_name}, so nothing was deleted: ${message}`,
        err instanceof ActionError ? err.hint : undefined,
      );
    }
  });

  const plan = planDeletion(versions, config.selection, Date.now());
  const deletesService = config.deleteService && plan.removesAll;
  await log.group('Plan', () => logPlan(plan, config, deletesService));

  const failed: Failure[] = plan.refused.map((r) => ({ version_name: r.version_name, errcode: null, errmsg: `refused: ${r.reason}` }));
  const deleted: string[] = [];
  const absent: string[] = [];
  let serviceDeleted = false;
  if (!config.dryRun && plan.remove.length) {
    const outcomes = await log.group(`Delete ${plan.remove.length} versions of ${service_name}`, () =>
      execute(client, config, plan.remove, deletesService),
    );
    for (const outcome of outcomes) {
      if (!outcome.ok) failed.push({ version_name: outcome.version_name, errcode: outcome.errcode, errmsg: outcome.errmsg });
      else (outcome.ok === 'deleted' ? deleted : absent).push(outcome.version_name);
    }
    // Only a confirmed delete of the last version, sent with is_delete_server, says the service went too.
    serviceDeleted = deletesService && outcomes.every((o) => o.ok) && outcomes.at(-1)?.ok === 'deleted';
  }

  setOutputs({
    deleted_versions: jsonListOutput(deleted),
    deleted_count: deleted.length,
    absent_versions: jsonListOutput(absent),
    absent_count: absent.length,
    skipped_versions: jsonListOutput(plan.skipped),
    failed_versions: jsonListOutput(failed),
    failed_count: failed.length,
    report_file: writeReportFile('delete-versions', { deleted, absent, skipped: plan.skipped, failed }),
  });
  writeSummary(summary(config, plan, { deleted, absent, failed }, serviceDeleted, clock.now() - started));

  if (failed.length) {
    throw new ActionError(
      `${failed.length} version${failed.length === 1 ? '' : 's'} of ${service_name} could not be deleted:\n` +
        failed.map((f) => `  - ${f.version_name}: ${f.errcode === null ? '' : `errcode ${f.errcode}: `}${f.errmsg}`).join('\n'),
      plan.refused.length
        ? 'a version that receives traffic or is still being built or deployed is never deleted: move its traffic away or wait, or leave it out of versions'
        : 'every outcome is in the job summary and the failed_versions output; re-running deletes what is left',
    );
  }
}

/**
 * Deletes with bounded concurrency; one failure does not stop the others. When the service goes
 * too, its last version is deleted on its own at the end, and only with is_delete_server when
 * every other version is gone (the platform accepts it only with the last version).
 */
async function execute(
  client: WechatClient,
  config: DeleteVersionsConfig,
  remove: readonly VersionInfo[],
  deletesService: boolean,
): Promise<Outcome[]> {
  const last = deletesService ? remove.at(-1) : undefined;
  const first = last ? remove.slice(0, -1) : remove;
  const outcomes = await mapWithConcurrency(first, config.concurrency, (v) => deleteOne(client, config, v.version_name, {}));
  if (last) {
    const othersGone = outcomes.every((o) => o.ok);
    if (!othersGone) log.warning(`Some versions could not be deleted, so service ${config.target.service_name} is kept.`);
    const flags = othersGone ? { is_delete_server: true, ...(config.deleteImage ? { is_delete_image: true } : {}) } : {};
    outcomes.push(await deleteOne(client, config, last.version_name, flags));
  }
  return outcomes;
}

async function deleteOne(
  client: WechatClient,
  config: DeleteVersionsConfig,
  version_name: string,
  flags: Record<string, boolean>,
): Promise<Outcome> {
  const body = { env_id: config.target.env_id, server_name: config.target.service_name, version_name, ...flags };
  const also = flags.is_delete_server ? ` and service ${config.target.service_name}${flags.is_delete_image ? ' with its image' : ''}` : '';
  try {
    await client.call(DELETE_API, body, 'idempotent');
    log.info(`Deleted ${version_name}${also}.`);
    return { ok: 'deleted', version_name };
  } catch (err) {
    if (err instanceof WechatApiError) {
      // The version was in the list just read; "not found" after an attempt that may have landed
      // means it is gone, most likely by that attempt, but no answer confirmed it.
      if (isNotFound(err) && err.earlierAttemptMayHaveLanded) {
        log.info(`${version_name}${also} is already absent: an earlier attempt got no answer, and the retry found it gone.`);
        return { ok: 'absent', version_name };
      }
      log.warning(`Could not delete ${version_name}: ${err.message}`);
      return { ok: false, version_name, errcode: err.errcode, errmsg: err.errmsg };
    }
    // No errcode came back: the delete may or may not have happened.
    const errmsg = `${mayHaveTakenEffect(err) ? 'outcome unknown: ' : ''}${errorMessage(err)}`;
    log.warning(`Could not delete ${version_name}: ${errmsg}`);
    return { ok: false, version_name, errcode: null, errmsg };
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

function summary(
  config: DeleteVersionsConfig,
  plan: DeletionPlan,
  { deleted, absent, failed }: { deleted: readonly string[]; absent: readonly string[]; failed: readonly Failure[] },
  serviceDeleted: boolean,
  elapsedMs: number,
): string {
  const { env_id, service_name } = config.target;
  const rows = [
    ...(config.dryRun ? plan.remove.map((v) => [v.version_name, 'would delete', '']) : deleted.map((name) => [name, 'deleted', ''])),
    ...absent.map((name) => [name, 'already absent', 'an attempt got no answer; the retry found it gone']),
    ...plan.skipped.map((s) => [s.version_name, 'skipped', s.reason]),
    ...failed.map((f) => [f.version_name, 'failed', f.errcode === null ? f.errmsg : `errcode ${f.errcode}: ${f.errmsg}`]),
  ];
  const counts = config.dryRun
    ? `Would delete **${plan.remove.length}**, skipped **${plan.skipped.length}**, failed **${failed.length}**`
    : `Deleted **${deleted.length}**, ${absent.length ? `already absent **${absent.length}**, ` : ''}skipped **${plan.skipped.length}**, failed **${failed.length}**`;
  const service = serviceDeleted
    ? `\nService ${service_name} was deleted with its last version${config.deleteImage ? ', with its image' : ''}.\n`
    : config.dryRun && config.deleteService && plan.removesAll
      ? `\nService ${service_name} would be deleted with its last version${config.deleteImage ? ', with its image' : ''}.\n`
      : '';
  return (
    `## ${config.dryRun ? 'Delete versions (dry run)' : 'Delete versions'}: ${service_name}\n\n` +
    `${counts} (environment ${env_id}, ${formatSeconds(elapsedMs)}).\n` +
    service +
    (rows.length ? `\n${markdownTable(['Version', 'Outcome', 'Reason'], rows)}` : '\nNothing was selected.\n')
  );
}
