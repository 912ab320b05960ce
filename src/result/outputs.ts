import { seconds } from '../duration.ts';
import { statusWord } from '../wechat/version-status.ts';
import type { CleanContainersResult, DeleteVersionsResult, FinishedRun, ItemResult, RunResult, ServicePrune } from './result.ts';
import { t } from '../messages/messages.ts';

// The step outputs of a run: names and shapes are a contract with users' workflows (action.yml).

export type Outputs = Readonly<Record<string, string | number | boolean>>;

/** GitHub keeps at most 1 MB in one output. */
export const MAX_OUTPUT_BYTES = 1_000_000;

/**
 * A list as a JSON output within one output's cap. A longer list is cut, and its last element says
 * how many were left out and where the whole list is; counts go in their own outputs, exact.
 */
export function jsonListOutput(items: readonly unknown[], maxBytes = MAX_OUTPUT_BYTES): string {
  const whole = JSON.stringify(items);
  if (Buffer.byteLength(whole) <= maxBytes) return whole;
  const marker = (left: number) => JSON.stringify(t('report.more_in_file', { left, total: items.length }));
  const kept: string[] = [];
  // The brackets and the marker; each item kept adds itself and a comma.
  let size = 2 + Buffer.byteLength(marker(items.length));
  for (const item of items) {
    const text = JSON.stringify(item);
    size += Buffer.byteLength(text) + 1;
    if (size > maxBytes) break;
    kept.push(text);
  }
  return `[${[...kept, marker(items.length - kept.length)].join(',')}]`;
}

/** The lists a cleanup reports, whole: in the outputs (capped) and in report_file (not). */
export function cleanupLists(result: DeleteVersionsResult | CleanContainersResult): Record<string, unknown[]> {
  const items: readonly ItemResult[] = result.operation === 'delete-versions' ? versionItems(result) : containerItems(result);
  const names = (outcome: ItemResult['outcome']) => items.filter((i) => i.outcome === outcome).map((i) => i.name);
  const failed = items.filter((i) => i.outcome === 'failed');
  if (result.operation === 'clean-containers') {
    return {
      deleted: names('deleted'),
      absent: names('absent'),
      failed: failed.map((f) => ({ id: f.name, code: String(f.code ?? 'error'), msg: f.message ?? '' })),
    };
  }
  return {
    deleted: names('deleted'),
    absent: names('absent'),
    skipped: items.filter((i) => i.outcome === 'skipped').map((s) => ({ version_name: s.name, reason: s.message ?? '' })),
    failed: failed.map((f) => ({ version_name: f.name, errcode: typeof f.code === 'number' ? f.code : null, errmsg: f.message ?? '' })),
    services: result.services.map(serviceCounts),
  };
}

/** Every version outcome, named `service/version` when the run spans services. */
function versionItems(result: DeleteVersionsResult): ItemResult[] {
  return result.services.flatMap((s) =>
    result.acrossServices ? s.items.map((i) => ({ ...i, name: `${s.service_name}/${i.name}` })) : s.items,
  );
}

/** One entry of the services output: what became of the service's versions, and why it was not pruned at all, as a code. */
function serviceCounts(s: ServicePrune) {
  const by = (outcome: ItemResult['outcome']) => s.items.filter((i) => i.outcome === outcome).length;
  return {
    service_name: s.service_name,
    deleted: by('deleted'),
    absent: by('absent'),
    skipped: by('skipped'),
    failed: by('failed'),
    not_pruned: s.notPruned?.code ?? '',
  };
}

/** Every cluster's containers; with ai_cluster_id: all, each named `cluster/container`. */
export function containerItems(result: CleanContainersResult): ItemResult[] {
  return result.clusters.flatMap((c) => (result.allClusters ? c.items.map((i) => ({ ...i, name: `${c.clusterId}/${i.name}` })) : c.items));
}

/** The outputs of a finished run; report_file is the path the renderer wrote, '' when it could not. */
export function outputsOf(run: FinishedRun, reportFile: string): Outputs {
  const { result } = run;
  return { ...operationOutputs(result, reportFile), ...(hasDuration(result) ? { duration_seconds: seconds(run.durationMs) } : {}) };
}

function hasDuration(result: RunResult): boolean {
  return result.operation === 'deploy' || result.operation === 'rollback' || result.operation === 'set-traffic';
}

function operationOutputs(result: RunResult, reportFile: string): Outputs {
  switch (result.operation) {
    case 'deploy':
      return {
        run_id: result.runId,
        version_name: result.version_name,
        previous_version: result.previous_version,
        service_created: result.serviceCreated,
        status: statusWord(result.status),
        image_url: result.image_url,
      };
    case 'rollback':
    case 'set-traffic':
      return { version_name: result.version_name, previous_version: result.previous_version, status: result.status };
    case 'delete-versions': {
      const lists = cleanupLists(result);
      return {
        deleted_versions: jsonListOutput(lists.deleted),
        deleted_count: lists.deleted.length,
        absent_versions: jsonListOutput(lists.absent),
        absent_count: lists.absent.length,
        skipped_versions: jsonListOutput(lists.skipped),
        failed_versions: jsonListOutput(lists.failed),
        failed_count: lists.failed.length,
        services: jsonListOutput(lists.services),
        report_file: reportFile,
      };
    }
    case 'clean-containers': {
      const lists = cleanupLists(result);
      return {
        deleted_containers: jsonListOutput(lists.deleted),
        deleted_count: lists.deleted.length,
        absent_containers: jsonListOutput(lists.absent),
        absent_count: lists.absent.length,
        failed_containers: jsonListOutput(lists.failed),
        failed_count: lists.failed.length,
        report_file: reportFile,
      };
    }
  }
}
