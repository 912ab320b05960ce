import { parseChinaTime } from '../china-time.ts';
import { ActionError, quoted } from '../errors.ts';
import { excerpt } from '../http/excerpt.ts';
import { WechatApiError, type WechatClient } from './client.ts';
import { isNotFound } from './conditions.ts';
import { PAGE_SIZE, readAllPages, readCount } from './paging.ts';
import { IMAGE_URL, POLICY_TYPE, VERSION_NAME } from './shapes.ts';
import { t } from '../messages/messages.ts';

// Reading a service's versions (getcsversionlist, getcsversiondetail). These two APIs take `env`,
// not `env_id`. Fields are read defensively: the answers are documented only by example.

const LIST_API = 'getcsversionlist';

/** One version of a service, as getcsversionlist describes it. */
export interface VersionInfo {
  readonly version_name: string;
  readonly status: string;
  /** Undefined when the answer has no readable number: the caller must assume it serves traffic. */
  readonly flow_ratio: number | undefined;
  /** As WeChat wrote it: "2020-12-08 20:56:10", China time. */
  readonly created_time: string;
  /** created_time in epoch milliseconds; undefined when it cannot be read. */
  readonly createdAt: number | undefined;
  readonly updated_time: string;
}

export interface VersionDetail {
  readonly status: string;
  readonly image_url: string;
  /** What a new version beside this one copies when no input sets it; undefined when unreadable. */
  readonly settings: {
    readonly cpu: number | undefined;
    readonly mem: number | undefined;
    readonly min_num: number | undefined;
    readonly max_num: number | undefined;
    readonly container_port: number | undefined;
    readonly policy_type: string | undefined;
    readonly policy_threshold: number | undefined;
    readonly env_params: string | undefined;
  };
}

/** The service is not in the environment. */
export class ServiceNotFoundError extends ActionError {}

export function serviceNotFound(
  env: string,
  service_name: string,
  message = t('wechat.service_not_in_env', { service: service_name, env }),
) {
  return new ServiceNotFoundError(message, t('wechat.service_not_found.hint', { service: service_name, env }));
}

/**
 * Every version of the service, newest first, read over all pages (src/wechat/paging.ts). Only an
 * answer that says the service has no versions may leave `items` out: any other would pass for an
 * empty service.
 */
export function listVersions(client: WechatClient, env: string, service_name: string, concurrency = 4): Promise<VersionInfo[]> {
  const page = async (offset: number) => {
    const answer = await callList(client, { env, service_name, limit: PAGE_SIZE, offset });
    const total = readCount(answer.total);
    const items = answer.items ?? (total === 0 ? [] : undefined);
    if (!Array.isArray(items))
      throw new ActionError(
        t('wechat.list_no_items', { api: LIST_API, answer: excerpt(JSON.stringify(answer), 200) }),
        t('wechat.proxy_answering.hint'),
      );
    return { total, items: items.map(readVersion) };
  };
  return readAllPages({ api: LIST_API, noun: 'version' }, page, (v) => v.version_name, concurrency);
}

async function callList(client: WechatClient, body: Record<string, unknown>) {
  try {
    return await client.call(LIST_API, body, 'read');
  } catch (err) {
    if (err instanceof WechatApiError && isNotFound(err)) throw serviceNotFound(String(body.env), String(body.service_name), err.message);
    throw err;
  }
}

function readVersion(item: unknown): VersionInfo {
  const v = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
  if (typeof v.version_name !== 'string' || !v.version_name) {
    throw new ActionError(t('wechat.version_no_name', { api: LIST_API, item: excerpt(JSON.stringify(item), 200) }));
  }
  checkShape('version_name', v.version_name, VERSION_NAME);
  const created_time = typeof v.created_time === 'string' ? v.created_time : '';
  return {
    version_name: v.version_name,
    status: readStatus(v.status),
    flow_ratio: readCount(v.flow_ratio),
    created_time,
    createdAt: parseChinaTime(created_time),
    updated_time: typeof v.updated_time === 'string' ? v.updated_time : '',
  };
}

export async function getVersionDetail(
  client: WechatClient,
  env: string,
  service_name: string,
  version_name: string,
): Promise<VersionDetail> {
  const answer = await client.call('getcsversiondetail', { env, service_name, version_name }, 'read');
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  const detail = {
    status: readStatus(answer.status),
    image_url: text(answer.image_url),
    settings: {
      cpu: readCount(answer.cpu),
      mem: readCount(answer.mem),
      min_num: readCount(answer.minnum),
      max_num: readCount(answer.maxnum),
      container_port: readCount(answer.container_port),
      policy_type: typeof answer.policy_type === 'string' && POLICY_TYPE.test(answer.policy_type) ? answer.policy_type : undefined,
      policy_threshold: readCount(answer.policy_threshold),
      env_params: typeof answer.env_params === 'string' ? answer.env_params : undefined,
    },
  };
  checkShape('image_url', detail.image_url, IMAGE_URL, 'getcsversiondetail');
  return detail;
}

/** A name or status in another shape than WeChat's fails the step, shown quoted and escaped, never used. */
function checkShape(field: string, value: string, shape: RegExp, api = LIST_API): void {
  if (!shape.test(value)) {
    throw new ActionError(t('wechat.bad_shape', { api, field, value: quoted(value) }), t('wechat.bad_shape.hint'));
  }
}

/**
 * A status as the platform wrote it, whatever it is: one not known (src/wechat/version-status.ts)
 * is read as unknown, never as a failure to read the list. Kept short; shown escaped.
 */
function readStatus(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, 64) : '';
}
