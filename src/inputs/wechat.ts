import type { InputReader } from './reader.ts';

export type WechatCredentials =
  | { readonly kind: 'token'; readonly access_token: string }
  | {
      readonly kind: 'component';
      readonly component_appid: string;
      readonly component_appsecret: string;
      readonly component_verify_ticket: string;
    };

export interface WechatTarget {
  readonly apiUrl: string;
  readonly credentials: WechatCredentials;
  readonly env_id: string;
  readonly service_name: string;
}

const COMPONENT = ['component_appid', 'component_appsecret', 'component_verify_ticket'] as const;

/** The inputs every Cloud Hosting operation shares: where, who, and which service. */
export function readWechatTarget(r: InputReader, operation: string): WechatTarget {
  const apiUrl = r.parse('wechat_api_url', parseApiUrl) ?? '';
  const env_id = r.required('env_id', `for ${operation}`);
  const service_name = r.required('service_name', `for ${operation}`);
  if (service_name && !/^[a-z0-9][a-z0-9-]{0,39}$/i.test(service_name)) {
    r.problem('service_name', 'must be letters, digits and dashes (at most 40 characters)');
  }
  return { apiUrl, credentials: readCredentials(r), env_id, service_name };
}

function readCredentials(r: InputReader): WechatCredentials {
  const givenComponent = COMPONENT.filter((name) => r.has(name));
  if (r.has('access_token')) {
    if (givenComponent.length) {
      r.problem('access_token', `give either access_token or ${COMPONENT.join(' + ')}, not both`);
    }
    return { kind: 'token', access_token: r.text('access_token') };
  }
  if (givenComponent.length === 0) {
    r.problem('access_token', `required: give access_token, or ${COMPONENT.join(' + ')}`);
  }
  for (const name of COMPONENT) {
    if (givenComponent.length && !r.has(name)) r.problem(name, `required together with ${givenComponent.join(', ')}`);
  }
  return {
    kind: 'component',
    component_appid: r.text('component_appid'),
    component_appsecret: r.text('component_appsecret'),
    component_verify_ticket: r.text('component_verify_ticket'),
  };
}

export function parseApiUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`"${raw}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`must be an http(s) URL, got ${url.protocol}`);
  if (url.search || url.hash) throw new Error('must not contain a query string or fragment');
  return url.toString().replace(/\/+$/, '');
}
