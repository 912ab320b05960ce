import { parseChinaTime } from '../china-time.ts';
import { mapWithConcurrency } from '../concurrency.ts';
import { ActionError, quoted } from '../errors.ts';
import { excerpt } from '../http/excerpt.ts';
import { WechatApiError, type WechatClient } from './client.ts';
import { isNotFound } from './conditions.ts';
import { IMAGE_URL, VERSION_NAME, VERSION_STATUS } from './shapes.ts';

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

/** The service is not in the environment (the list API's answer, recognised by its text). */
export class ServiceNotFoundError extends ActionError {}

/** A version was deployed or deleted between two pages: the list read is not one consistent picture. */
export class VersionListChangedError extends ActionError {}

// Autoscaling policy types (cpu, mem in the SDK's sample): a word, or it is not copied.
const POLICY_TYPE = /^[a-z_]{1,20}$/i;

// The documented default page size, so the platform surely accepts it.
const PAGE_SIZE = 20;
// A guard against an answer that never ends (a total that keeps growing, pages that repeat).
const MAX_PAGES = 500;

/**
 * Every version of the service, newest first, read over all pages: the first page tells the total,
 * then the other pages are read `concurrency` at a time and put back in order. Throws rather than
 * return a partial list: whoever decides what to delete must see every version.
 */
export async function listVersions(client: WechatClient, env: string, service_name: string, concurrency = 4): Promise<VersionInfo[]> {
  const page = async (offset: number) => {
    const answer = await callList(client, { env, service_name, limit: PAGE_SIZE, offset });
    const total = readCount(answer.total);
    // Only an answer that says the service has no versions may leave items out: any other would
    // pass for an empty service.
    const items = answer.items ?? (total === 0 ? [] : undefined);
    if (!Array.isArray(items))
      throw new ActionError(
        `${LIST_API} answered without a list of items: ${excerpt(JSON.stringify(answer), 200)}`,
        're-run the job; a proxy or gateway may be answering instead of WeChat',
      );
    return { total, items: items.map(readVersion) };
  };
  const first = await page(0);
  const pages = [first];
  // The platform may serve fewer items a page than asked: the first page's length is the step.
  const step = Math.min(PAGE_SIZE, first.items.length || PAGE_SIZE);
  if (first.total === undefined) {
    // No total: page on until a short page.
    for (let offset = step, last = first; last.items.length === step; offset += step) {
      if (pages.length === MAX_PAGES)
        throw new ActionError(`${LIST_API} kept answering after ${MAX_PAGES} pages`, 're-run the job; report it if it persists');
      last = await page(offset);
      pages.push(last);
    }
  } else if (first.items.length > 0) {
    const offsets: number[] = [];
    for (let offset = step; offset < first.total; offset += step) offsets.push(offset);
    if (offsets.length >= MAX_PAGES) throw new ActionError(`${LIST_API} reports ${first.total} versions, more than this action reads`);
    pages.push(...(await mapWithConcurrency(offsets, concurrency, page)));
  }
  // A version deployed while paging shifts the list by one, so a name may come twice: keep the first.
  const byName = new Map<string, VersionInfo>();
  for (const version of pages.flatMap((p) => p.items)) if (!byName.has(version.version_name)) byName.set(version.version_name, version);
  const total = pages.map((p) => p.total).find((t) => t !== first.total) ?? first.total;
  if (total !== undefined && byName.size !== total) {
    throw new VersionListChangedError(
      `the version list changed while it was read (${byName.size} versions read, total ${total})`,
      'a deploy or another cleanup ran at the same time; re-run the job',
    );
  }
  return [...byName.values()];
}

async function callList(client: WechatClient, body: Record<string, unknown>) {
  try {
    return await client.call(LIST_API, body, 'read');
  } catch (err) {
    if (err instanceof WechatApiError && isNotFound(err)) {
      throw new ServiceNotFoundError(
        err.message,
        `check service_name and env_id: the service "${String(body.service_name)}" was not found in environment ${String(body.env)}; for deploy to create it, set create_service: true`,
      );
    }
    throw err;
  }
}

function readVersion(item: unknown): VersionInfo {
  const v = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
  if (typeof v.version_name !== 'string' || !v.version_name) {
    throw new ActionError(`${LIST_API} answered with a version that has no version_name: ${excerpt(JSON.stringify(item), 200)}`);
  }
  const status = typeof v.status === 'string' ? v.status : '';
  checkShape('version_name', v.version_name, VERSION_NAME);
  checkShape('status', status, VERSION_STATUS);
  const created_time = typeof v.created_time === 'string' ? v.created_time : '';
  return {
    version_name: v.version_name,
    status,
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
    status: text(answer.status),
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
  checkShape('status', detail.status, VERSION_STATUS, 'getcsversiondetail');
  checkShape('image_url', detail.image_url, IMAGE_URL, 'getcsversiondetail');
  return detail;
}

/** A name or status in another shape than WeChat's fails the step, shown quoted and escaped, never used. */
function checkShape(field: string, value: string, shape: RegExp, api = LIST_API): void {
  if (!shape.test(value)) {
    throw new ActionError(
      `${api} answered with a ${field} that is not in the shape WeChat uses: ${quoted(value)}; it is not used`,
      'this answer did not come from WeChat as documented: check wechat_api_url and any proxy between the runner and WeChat',
    );
  }
}

/** A non-negative number, given as a number or a numeric string. */
function readCount(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}
