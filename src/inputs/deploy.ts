import { formatSeconds } from '../duration.ts';
import { parseHttpUrl } from '../http/url-policy.ts';
import { parseImage, type ImageInfo } from '../image.ts';
import type { RunContext } from '../run-context.ts';
import { VERSION_NAME } from '../wechat/shapes.ts';
import {
  checkFields,
  parseBoolean,
  parseDecimal,
  parseDurationWithin,
  parseInteger,
  parseJsonObject,
  parseKeyValues,
  parseTrafficSteps,
  type FieldType,
} from './parsers.ts';
import type { InputReader } from './reader.ts';
import type { NetworkSettings } from '../http/settings.ts';
import { readNetwork } from './network.ts';
import type { RolloutSettings, ServiceSettings, WechatTarget } from '../wechat/settings.ts';
import { readWechatTarget } from './wechat.ts';
import { t } from '../messages/messages.ts';

export interface DeployConfig {
  readonly operation: 'deploy';
  readonly target: WechatTarget;
  readonly network: NetworkSettings;
  readonly dryRun: boolean;
  /** rolling: replace a version in place; new-version: a new version beside the serving ones. */
  readonly strategy: Strategy;
  readonly image: ImageInfo;
  /** env_vars as given (also in the rollout settings as env_params): its values are secrets, shown nowhere. */
  readonly envVars: Readonly<Record<string, string>>;
  readonly rollout: RolloutSettings;
  readonly createService: boolean;
  readonly service: ServiceSettings;
  /** How long to wait, and how often to look: for a release already running, and for this one. */
  readonly timing: Timing;
  /** Absent with wait: false: return once the rolling update is accepted. */
  readonly watch: WatchConfig | undefined;
  readonly canary: CanaryConfig;
  /** The longest the release may take, waiting and canary steps included. */
  readonly plannedMs: number;
}

export const STRATEGIES = ['rolling', 'new-version'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export interface CanaryConfig {
  /** How long each traffic step is watched before the next. */
  readonly intervalMs: number;
  /** GET during each step; any answer that is not 2xx reverts the canary. */
  readonly healthUrl: URL | undefined;
}

export interface Timing {
  readonly timeoutMs: number;
  readonly pollIntervalMs: number;
}

export interface WatchConfig extends Timing {
  /** Shares of traffic for the new version once it is ready, step by step; absent: leave the split alone. */
  readonly traffic: readonly number[] | undefined;
}

// Rolling-update fields (docs/platform-facts.md#rolling-update) that have no input of their own, with their documented types.
const DEPLOY_OPTIONS: Readonly<Record<string, FieldType>> = {
  repository_type: 'string',
  dockerfile_path: 'string',
  build_dir: 'string',
  repository: 'string',
  branch: 'string',
  package_name: 'string',
  package_version: 'string',
  code_detail: 'object',
  is_rebuild: 'boolean',
  mount_volume_info: 'array',
  rollback: 'boolean',
  snapshot_name: 'string',
  enable_union: 'boolean',
  server_path: 'string',
  is_update_cls: 'boolean',
  policy_detail: 'array',
};

// Create-service fields (docs/platform-facts.md#create-service) that have no input of their own.
const SERVICE_OPTIONS: Readonly<Record<string, FieldType>> = {
  image_repo: 'string',
  es_info: 'object',
  log_type: 'string',
  vpc_info: 'object',
  public_access: 'number',
};

export function readDeployConfig(r: InputReader, context: RunContext): DeployConfig {
  const network = readNetwork(r);
  const target = readWechatTarget(r, 'deploy', network.allowInsecureHttp);
  const imageRef = r.required('image', 'deploy');
  const isPublic = r.value('image_is_public', parseBoolean);
  const image = imageRef ? r.parse('image', (raw) => parseImage(raw, isPublic)) : undefined;

  const version_name = r.text('version_name');
  if (!VERSION_NAME.test(version_name)) {
    r.problem('version_name', t('input.version_name'));
  }

  const envVars = r.parse('env_vars', parseKeyValues) ?? {};
  const rollout: RolloutSettings = {
    replaces: version_name,
    flowRatio: r.parse('flow_ratio', (v) => parseInteger(v, 0, 100)),
    cpu: r.parse('cpu', (v) => parseDecimal(v, 0.01, 64)),
    mem: r.parse('mem', (v) => parseDecimal(v, 0.01, 512)),
    minNum: r.parse('min_num', (v) => parseInteger(v, 0, 50)),
    maxNum: r.parse('max_num', (v) => parseInteger(v, 1, 50)),
    policyType: r.parse('policy_type', (v) => v),
    policyThreshold: r.parse('policy_threshold', (v) => parseDecimal(v, 0, 100)),
    containerPort: r.parse('container_port', (v) => parseInteger(v, 1, 65535)),
    envParams: r.has('env_vars') ? JSON.stringify(envVars) : undefined,
    customLogs: r.parse('custom_logs', (v) => v),
    initialDelaySeconds: r.parse('initial_delay_seconds', (v) => parseInteger(v, 0, 3600)),
    versionRemark: r.parse('version_remark', (v) => v) ?? defaultRemark(context),
    options: r.parse('deploy_options', (v) => options(v, DEPLOY_OPTIONS)) ?? {},
  };
  if (rollout.minNum !== undefined && rollout.maxNum !== undefined && rollout.minNum > rollout.maxNum) {
    r.problem('min_num', t('input.min_over_max', { min: rollout.minNum, max: rollout.maxNum }));
  }

  const createService = r.value('create_service', parseBoolean);
  const service: ServiceSettings = {
    isPublic: r.value('is_public', parseBoolean),
    remark: r.parse('service_remark', (v) => v),
    options: r.parse('service_options', (v) => options(v, SERVICE_OPTIONS)) ?? {},
  };

  const strategy = r.value('strategy', parseStrategy);
  const watching = readWatch(r);
  const canary = readCanary(r);
  if (strategy === 'rolling') {
    // A rolling update replaces a version, so there is no split from before to go back to.
    if ((watching.watch?.traffic?.length ?? 0) > 1) r.problem('traffic', t('input.traffic_steps_rolling'));
    if (canary.healthUrl) r.problem('health_url', t('input.health_url_rolling'));
  } else if (rollout.flowRatio !== undefined) {
    r.problem('flow_ratio', t('input.flow_ratio_new_version'));
  }
  const plannedMs = plannedDuration(watching, canary);
  if (plannedMs > MAX_JOB_MS) r.problem('canary_interval', t('input.plan_too_long', { duration: formatSeconds(plannedMs) }));

  return r.finish({
    operation: 'deploy',
    target,
    network,
    dryRun: r.value('dry_run', parseBoolean),
    strategy,
    image: image!,
    envVars,
    rollout,
    createService,
    service,
    ...watching,
    canary,
    plannedMs,
  });
}

/** The longest a GitHub-hosted job may run: a plan longer than this is killed on its way. */
const MAX_JOB_MS = 6 * 3_600_000;

/** The longest the release may take: the rollout's timeout, then canary_interval for each watched step. */
function plannedDuration({ watch }: { watch: WatchConfig | undefined }, canary: CanaryConfig): number {
  if (!watch) return 0;
  const steps = watch.traffic?.length ?? 0;
  // The last step is watched only with a health gate; a first version with one is watched once.
  const watched = canary.healthUrl ? Math.max(steps, 1) : Math.max(steps - 1, 0);
  return watch.timeoutMs + watched * canary.intervalMs;
}

function parseStrategy(raw: string): Strategy {
  const strategy = STRATEGIES.find((s) => s === raw);
  if (!strategy) throw new Error(t('input.expected_one_of', { values: STRATEGIES.join(', '), got: raw }));
  return strategy;
}

function readCanary(r: InputReader): CanaryConfig {
  return {
    intervalMs: r.value('canary_interval', (v) => parseDurationWithin(v, '0s', '6h')),
    healthUrl: r.parse('health_url', (v) => {
      const url = parseHttpUrl(v);
      // The check's answer reaches the log: credentials in the URL would travel with every check.
      if (url.username || url.password) throw new Error(t('input.url_credentials'));
      return url;
    }),
  };
}

// Users keep database passwords in env_vars, so every value is masked in the log, except the very
// short ones: the runner would mask each "1", "true" or "prod" anywhere in the log, and a value that
// short protects nothing. The action itself shows env_vars only as keys with *** for values.
const MIN_MASKED_LENGTH = 6;

/** The env_vars values to register as secrets. */
export function envVarSecrets(envVars: Readonly<Record<string, string>>): string[] {
  return Object.values(envVars).filter((value) => value.length >= MIN_MASKED_LENGTH);
}

function readWatch(r: InputReader): { timing: Timing; watch: WatchConfig | undefined } {
  // Tens of milliseconds are allowed so tests run fast; 6 hours is a GitHub job's longest run.
  const timing: Timing = {
    timeoutMs: r.value('timeout', (v) => parseDurationWithin(v, '10ms', '6h')),
    pollIntervalMs: r.value('poll_interval', (v) => parseDurationWithin(v, '10ms', '10m')),
  };
  const wait = r.value('wait', parseBoolean);
  const traffic = r.parse('traffic', parseTrafficSteps);
  // The split can only be set on a version that is ready, which only waiting finds out.
  if (!wait && traffic !== undefined) r.problem('traffic', t('input.traffic_needs_wait'));
  return { timing, watch: wait ? { ...timing, traffic } : undefined };
}

function options(raw: string, schema: Readonly<Record<string, FieldType>>): Record<string, unknown> {
  const value = parseJsonObject(raw);
  checkFields(value, schema);
  return value;
}

/** Something traceable back to the commit: "owner/repo@abc1234 run #42". */
function defaultRemark(context: RunContext): string | undefined {
  if (!context.repository || !context.sha) return undefined;
  return `${context.repository}@${context.sha.slice(0, 7)} run #${context.runNumber}`;
}
