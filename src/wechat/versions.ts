import type { WechatClient } from './client.ts';

// Reading a service's versions (getcsversionlist, getcsversiondetail). Note these two APIs take
// `env`, not `env_id`. Fields are read defensively: the answers are documented only by example.

export interface VersionItem {
  readonly version_name: string;
  readonly status: string;
  readonly flow_ratio: number;
  /** "2020-12-08 20:56:10", China time; sorts as text. */
  readonly created_time: string;
  readonly updated_time: string;
}

export interface VersionDetail {
  readonly status: string;
  readonly image_url: string;
}

const PAGE = 20; // the documented default limit
const MAX_PAGES = 10;

/** Every version of the service (up to 200), in the order the platform lists them. */
export async function listVersions(client: WechatClient, env: string, service_name: string): Promise<VersionItem[]> {
  const versions: VersionItem[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await client.call('getcsversionlist', { env, service_name, limit: PAGE, offset: page * PAGE }, 'read');
    const items = Array.isArray(answer.items) ? (answer.items as unknown[]) : [];
    versions.push(...items.filter(isObject).map(toItem));
    if (items.length < PAGE || versions.length >= Number(answer.total ?? 0)) break;
  }
  return versions;
}

export async function getVersionDetail(client: WechatClient, env: string, service_name: string, version_name: string): Promise<VersionDetail> {
  const answer = await client.call('getcsversiondetail', { env, service_name, version_name }, 'read');
  return { status: text(answer.status), image_url: text(answer.image_url) };
}

function toItem(item: Record<string, unknown>): VersionItem {
  return {
    version_name: text(item.version_name),
    status: text(item.status),
    flow_ratio: Number(item.flow_ratio ?? 0) || 0,
    created_time: text(item.created_time),
    updated_time: text(item.updated_time),
  };
}

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
