import { ActionError, quoted } from '../errors.ts';
import { excerpt } from '../http/excerpt.ts';
import type { WechatClient } from './client.ts';
import { PAGE_SIZE, readAllPages, readCount } from './paging.ts';
import { SERVICE_NAME } from './shapes.ts';
import { t } from '../messages/messages.ts';

// The services of an environment (getcslist, docs/platform-facts.md#service-list): whether a service
// exists, and which ones a pattern names.

const API = 'getcslist';

export interface ServiceList {
  readonly names: readonly string[];
  /** Names in another shape than a service name's, shown quoted: never used. */
  readonly unreadable: readonly string[];
}

export async function listServices(client: WechatClient, env: string, concurrency = 4): Promise<ServiceList> {
  const page = async (offset: number) => {
    const answer = await client.call(API, { env, limit: PAGE_SIZE, offset }, 'read');
    const total = readCount(answer.total);
    // Only an answer that says there is no service may leave the list out.
    const items = answer.cslist ?? (total === 0 ? [] : undefined);
    if (!Array.isArray(items))
      throw new ActionError(
        t('wechat.list_no_services', { api: API, answer: excerpt(JSON.stringify(answer), 200) }),
        t('wechat.proxy_answering.hint'),
      );
    return { total, items: items.map((item: unknown) => readName(item)) };
  };
  const names = await readAllPages({ api: API, noun: 'service' }, page, (name) => name, concurrency);
  return {
    names: names.filter((name) => SERVICE_NAME.test(name)),
    unreadable: names.filter((name) => !SERVICE_NAME.test(name)).map((name) => quoted(name, 60)),
  };
}

function readName(item: unknown): string {
  const name = (item as { server_name?: unknown } | null)?.server_name;
  return typeof name === 'string' ? name : '';
}
