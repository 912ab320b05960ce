import type { Container, UnreadableRecord } from '../scnet/containers.ts';
import type { TrafficItem } from '../wechat/traffic-item.ts';
import type { VersionInfo } from '../wechat/version-list.ts';

// What a run did, as one typed value per operation. Operations fill it in as they go; whatever ends
// the run (success, a failure, a cancel), src/job.ts hands the result it has to the renderer
// (src/result/render.ts), the only code that turns it into outputs, the job summary, report_file,
// the pull-request comment and the GitHub Deployment record.

/** One thing an operation acted on (a version, a container) and what became of it. */
export interface ItemResult {
  /** A version name (its service's ServicePrune says which service), a container ID. */
  readonly name: string;
  readonly outcome: ItemOutcome;
  /** The platform's code (errcode, code) or the action's word for a failure that has none. */
  readonly code?: number | string;
  /** Why it was skipped or failed. */
  readonly message?: string;
}

/**
 * deleted: confirmed by the platform's success answer. absent: gone, but after an attempt that
 * may have deleted it without saying so, so this run does not claim it. would-delete: a dry run's plan.
 */
export type ItemOutcome = 'deleted' | 'absent' | 'would-delete' | 'skipped' | 'failed';

/** A request a dry run would have sent. */
export interface WouldSend {
  readonly api: string;
  readonly body: Readonly<Record<string, unknown>>;
}

/** The versions before and after the traffic moved (or would move, on a dry run). */
export interface TrafficChange {
  readonly before: readonly VersionInfo[];
  readonly after: readonly VersionInfo[];
}

export type RolloutOutcome = 'ready' | 'failed' | 'rolled_back' | 'timeout';

export interface StatusChange {
  readonly status: string;
  readonly elapsedMs: number;
}

export interface CanaryCheck {
  /** health_url, or the version's status; shown as src/messages words them (release.check.*). */
  readonly name: 'health_url' | 'status';
  readonly ok: boolean;
  /** "HTTP 200", "normal": short, safe to show. */
  readonly answer: string;
  readonly elapsedMs: number;
  /** Identical results in a row, shown as one. */
  readonly times: number;
}

export interface CanaryStep {
  readonly percent: number;
  readonly elapsedMs: number;
  /** The split sent for this step. */
  readonly split: readonly TrafficItem[];
  readonly checks: CanaryCheck[];
}

interface RunBase {
  readonly dryRun: boolean;
  /** Requests a dry run would have sent that change something. */
  readonly wouldSend: WouldSend[];
}

export interface DeployResult extends RunBase {
  readonly operation: 'deploy';
  readonly env_id: string;
  readonly service_name: string;
  /** rolling, new-version, or first-version for a service that had none. */
  strategy: string;
  serviceCreated: boolean;
  runId: string;
  version_name: string;
  image_url: string;
  previous_version: string;
  /** The status output: the platform's status of the version, or the action's word for the run. */
  status: string;
  rollout?: { readonly outcome: RolloutOutcome; readonly timeline: readonly StatusChange[] };
  traffic?: TrafficChange;
  canary?: readonly CanaryStep[];
}

export interface TrafficResult extends RunBase {
  readonly operation: 'rollback' | 'set-traffic';
  readonly env_id: string;
  readonly service_name: string;
  /** The version that serves the most traffic afterwards. */
  version_name: string;
  previous_version: string;
  status: string;
  traffic?: TrafficChange;
}

/** What delete-versions did to one service. */
export interface ServicePrune {
  readonly env_id: string;
  readonly service_name: string;
  readonly items: ItemResult[];
  /** The service goes with its last version (delete_service), with its image (delete_image). */
  readonly deletesService: boolean;
  readonly deleteImage: boolean;
  /** Confirmed by the delete of its last version. */
  serviceDeleted: boolean;
  /** Set when nothing was done to it at all. */
  readonly notPruned?: NotPruned;
}

/** Why a service was not pruned at all. */
export interface NotPruned {
  /** Its versions could not be read, it is not in the environment, or the run was cancelled before it. */
  readonly code: 'versions-unread' | 'not-in-environment' | 'not-attempted';
  /** In words: may quote the platform, so it is shown escaped and never put in an output. */
  readonly message: string;
}

export interface DeleteVersionsResult extends RunBase {
  readonly operation: 'delete-versions';
  readonly env_id: string;
  /** service_name as given: one service, or a pattern on one line. */
  readonly service_name: string;
  /** service_name is a pattern: the outputs name versions `service/version`. */
  readonly acrossServices: boolean;
  /** The services pruned or that failed to be, each with what became of them. */
  readonly services: ServicePrune[];
  /** Requests sent to WeChat, retries included (its daily quota, 45009, is per account). */
  wechatRequests: number;
}

/** What clean-containers did on one cluster. */
export interface ClusterCleanup {
  /** The cluster as the token answer names it; '' with ai_token, which names none. */
  readonly clusterId: string;
  readonly clusterName: string;
  /** Deleted, absent and failed containers by ID; on a dry run, the ones it would delete. */
  readonly items: ItemResult[];
  /** What the filter selected from the list, for the dry run's table; empty without a filter. */
  readonly selected: Container[];
  /** List records the action cannot read: skipped, never deleted unless named in container_ids. */
  readonly unreadable: UnreadableRecord[];
  /** DELETE requests sent, or that a dry run would send. */
  requests: number;
  deletingMs: number;
  /**
   * What the last listing showed of the selected containers, and whether it was shown complete;
   * undefined when no final listing was read (container_ids alone, a dry run, a stopped run).
   */
  finalListing?: { readonly remaining: readonly Container[]; readonly complete: boolean };
  /** Why this cluster failed, with ai_cluster_id: all, where the others go on. */
  failure?: string;
}

export interface CleanContainersResult extends RunBase {
  readonly operation: 'clean-containers';
  readonly batchSize: number;
  /** ai_cluster_id: all: entries read `cluster/container`, and the summary has a section per cluster and a total. */
  readonly allClusters: boolean;
  readonly clusters: ClusterCleanup[];
}

export type RunResult = DeployResult | TrafficResult | DeleteVersionsResult | CleanContainersResult;

/** A run as the renderer sees it once it has ended, however it ended. */
export interface FinishedRun {
  readonly result: RunResult;
  readonly durationMs: number;
  /** What failed the run; undefined when it succeeded. */
  readonly failure: Error | undefined;
}
