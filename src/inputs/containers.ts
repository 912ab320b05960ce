import type { ContainerFilter } from '../operations/clean-containers/select.ts';
import { CONTAINER_STATUSES } from '../scnet/containers.ts';
import type { NetworkSettings } from '../http/settings.ts';
import type { ScnetTarget } from '../scnet/settings.ts';
import { readScnetTarget } from './ai.ts';
import { parseBoolean, parseDuration, parseInteger, parseList } from './parsers.ts';
import type { InputReader } from './reader.ts';
import { readNetwork } from './network.ts';
import { t } from '../messages/messages.ts';

// What a filter selects unless container_status says otherwise: containers that have ended.
const FINISHED_STATUSES = ['Terminated', 'Failed', 'Completed'] as const;

export interface CleanContainersConfig {
  readonly operation: 'clean-containers';
  readonly target: ScnetTarget;
  readonly network: NetworkSettings;
  readonly dryRun: boolean;
  /** Explicit IDs, deduplicated, in the order given. */
  readonly ids: readonly string[];
  /** Undefined when no filter input is given: then only the explicit IDs are deleted. */
  readonly filter: ContainerFilter | undefined;
  readonly batchSize: number;
  readonly concurrency: number;
}

const FILTER_INPUTS = ['container_status', 'container_name_pattern', 'older_than', 'task_type'] as const;

export function readCleanContainersConfig(r: InputReader): CleanContainersConfig {
  const network = readNetwork(r);
  const target = readScnetTarget(r, network.allowInsecureHttp);
  const ids = r.parse('container_ids', parseContainerIds) ?? [];
  const hasFilter = FILTER_INPUTS.some((name) => r.has(name));
  if (!r.has('container_ids') && !hasFilter) {
    r.problem('container_ids', t('input.containers_what', { filters: FILTER_INPUTS.join(', ') }));
  }
  const filter: ContainerFilter = {
    statuses: r.parse('container_status', parseStatuses) ?? FINISHED_STATUSES,
    namePatterns: r.parse('container_name_pattern', parseList) ?? [],
    olderThanMs: r.parse('older_than', parseDuration),
    taskTypes: r.parse('task_type', (v) => parseList(v.toLowerCase())) ?? [],
  };
  // Age 0 selects every container listed: a typo's worth of difference from a real cleanup.
  if (filter.olderThanMs === 0) r.problem('older_than', t('input.containers_any_age'));
  return r.finish({
    operation: 'clean-containers',
    target,
    network,
    dryRun: r.value('dry_run', parseBoolean),
    ids,
    filter: hasFilter ? filter : undefined,
    batchSize: r.value('batch_size', (v) => parseInteger(v, 1, MAX_BATCH_SIZE)),
    concurrency: r.value('concurrency', (v) => parseInteger(v, 1, 16)),
  });
}

/** Ids per request at most; the URL budget (src/scnet/batches.ts) may cut batches smaller. */
const MAX_BATCH_SIZE = 150;

// Real IDs are 32 lowercase hex characters; this is looser, but nothing in it can break a URL,
// a log line or a markdown table.
const CONTAINER_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** IDs separated by newlines, commas or spaces; every invalid one is named. */
export function parseContainerIds(raw: string): string[] {
  const ids = parseList(raw);
  const invalid = ids.filter((id) => !CONTAINER_ID.test(id));
  if (invalid.length) {
    const shown = invalid
      .slice(0, 5)
      .map((id) => JSON.stringify(id.slice(0, 80)))
      .join(', ');
    throw new Error(t('input.container_ids', { count: invalid.length, shown: `${shown}${invalid.length > 5 ? ', …' : ''}` }));
  }
  return ids;
}

/** Status names, matched case-insensitively against the documented ones. */
export function parseStatuses(raw: string): string[] {
  return parseList(raw).map((given) => {
    const status = CONTAINER_STATUSES.find((s) => s.toLowerCase() === given.toLowerCase());
    if (!status) throw new Error(t('input.unknown_status', { given, statuses: CONTAINER_STATUSES.join(', ') }));
    return status;
  });
}
