import type { ImageInfo } from '../image.ts';
import type { VersionDetail } from './version-list.ts';
import type { RolloutSettings, ServiceSettings } from './settings.ts';

// The request bodies of the release APIs, each in the types its documentation gives: the rolling
// update's sizes and counts are strings, a created version's are numbers (the SDK's sample): see
// docs/platform-facts.md#rolling-update and #create-version.

type Body = Record<string, unknown>;

export function createServiceBody(env_id: string, service_name: string, s: ServiceSettings): Body {
  return defined({ env_id, service_name, is_public: s.isPublic, remark: s.remark, ...s.options });
}

export function rollingUpdateBody(env_id: string, server_name: string, image: ImageInfo, s: RolloutSettings): Body {
  return defined({
    env_id,
    server_name,
    upload_type: 'image',
    image_info: image,
    version_name: s.replaces,
    flow_ratio: s.flowRatio,
    cpu: s.cpu,
    mem: s.mem,
    min_num: s.minNum === undefined ? undefined : String(s.minNum),
    max_num: s.maxNum === undefined ? undefined : String(s.maxNum),
    policy_type: s.policyType,
    policy_threshold: s.policyThreshold,
    container_port: s.containerPort,
    env_params: s.envParams,
    custom_logs: s.customLogs,
    initial_delay_seconds: s.initialDelaySeconds,
    version_remark: s.versionRemark,
    ...s.options,
  });
}

// Values from the SDK's sample request, for the fields createcloudbaserunserverversion requires
// when neither an input nor the serving version gives one.
const SAMPLE = { cpu: 0.25, mem: 0.5, min_num: 0, max_num: 1, policy_type: 'cpu', policy_threshold: 60, container_port: 80 };

// Fields that make sense only for a version updated in place: a new version has no
// history to replay, roll back to or rename.
const ROLLING_ONLY = new Set(['is_rebuild', 'rollback', 'snapshot_name', 'is_update_cls']);

/** The numbers a new version runs with: the inputs, else what the serving version runs with, else the sample's. */
export function newVersionShape(s: RolloutSettings, base: VersionDetail | undefined) {
  const from = base?.settings;
  return {
    cpu: num(s.cpu) ?? from?.cpu ?? SAMPLE.cpu,
    mem: num(s.mem) ?? from?.mem ?? SAMPLE.mem,
    min_num: s.minNum ?? from?.min_num ?? SAMPLE.min_num,
    max_num: s.maxNum ?? from?.max_num ?? SAMPLE.max_num,
    policy_type: s.policyType ?? from?.policy_type ?? SAMPLE.policy_type,
    policy_threshold: num(s.policyThreshold) ?? from?.policy_threshold ?? SAMPLE.policy_threshold,
    container_port: s.containerPort ?? from?.container_port ?? SAMPLE.container_port,
  };
}

/**
 * createcloudbaserunserverversion: a version beside the others with this share of the traffic.
 * Each field the inputs leave out is copied from the serving version (so a new version keeps its
 * port, scaling and environment variables), else the sample's value.
 */
export function newVersionBody(
  env_id: string,
  server_name: string,
  image: ImageInfo,
  s: RolloutSettings,
  flow_ratio: number,
  base: VersionDetail | undefined,
): Body {
  const options = Object.fromEntries(Object.entries(s.options).filter(([key]) => !ROLLING_ONLY.has(key)));
  return defined({
    env_id,
    server_name,
    upload_type: 'image',
    image_info: image,
    flow_ratio,
    ...newVersionShape(s, base),
    env_params: s.envParams ?? base?.settings.env_params,
    custom_logs: s.customLogs,
    initial_delay_seconds: s.initialDelaySeconds,
    version_remark: s.versionRemark,
    ...options,
  });
}

/**
 * A request body as it may be shown (log, summary, pull-request comment): env_params holds
 * environment variables, often passwords, so their values are replaced by *** and only keys remain.
 */
export function shownBody(body: Readonly<Record<string, unknown>>): Record<string, unknown> {
  if (typeof body.env_params !== 'string') return { ...body };
  let keys: string[];
  try {
    const parsed: unknown = JSON.parse(body.env_params);
    keys = typeof parsed === 'object' && parsed !== null ? Object.keys(parsed) : [];
  } catch {
    keys = [];
  }
  return { ...body, env_params: JSON.stringify(Object.fromEntries(keys.map((key) => [key, '***']))) };
}

function num(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text);
}

function defined(body: Body): Body {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}
