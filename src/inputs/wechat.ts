import { parseApiUrl } from '../http/url-policy.ts';
import type { WechatCredentials, WechatTarget } from '../wechat/settings.ts';
import { SERVICE_NAME } from '../wechat/shapes.ts';
import type { InputReader } from './reader.ts';
import { t } from '../messages/messages.ts';

const COMPONENT = ['component_appid', 'component_appsecret', 'component_verify_ticket'] as const;

/** The inputs every Cloud Hosting operation shares: where, who, and which service. */
export function readWechatTarget(r: InputReader, operation: string, allowInsecureHttp: boolean): WechatTarget {
  const where = readWechatEnv(r, operation, allowInsecureHttp);
  const service_name = r.required('service_name', operation);
  if (service_name && !SERVICE_NAME.test(service_name)) {
    r.problem('service_name', t('input.service_name'));
  }
  return { ...where, service_name };
}

/** Where and who, without the service: delete-versions reads service_name by its own rule (patterns). */
export function readWechatEnv(r: InputReader, operation: string, allowInsecureHttp: boolean): Omit<WechatTarget, 'service_name'> {
  const apiUrl = r.parse('wechat_api_url', (v) => parseApiUrl(v, allowInsecureHttp)) ?? '';
  const env_id = r.required('env_id', operation);
  // Real IDs look like prod-4gxk23no5605e14f; nothing else may reach the job summary or a log line.
  if (env_id && !/^[A-Za-z0-9_-]{1,64}$/.test(env_id)) r.problem('env_id', t('input.env_id'));
  return { apiUrl, credentials: readCredentials(r), env_id };
}

function readCredentials(r: InputReader): WechatCredentials {
  const givenComponent = COMPONENT.filter((name) => r.has(name));
  if (r.has('access_token')) {
    if (givenComponent.length) {
      r.problem('access_token', t('input.token_and_component', { component: COMPONENT.join(' + ') }));
    }
    return { kind: 'token', access_token: r.text('access_token') };
  }
  if (givenComponent.length === 0) {
    r.problem('access_token', t('input.token_required', { component: COMPONENT.join(' + ') }));
  }
  for (const name of COMPONENT) {
    if (givenComponent.length && !r.has(name)) r.problem(name, t('input.required_together', { given: givenComponent.join(', ') }));
  }
  return {
    kind: 'component',
    component_appid: r.text('component_appid'),
    component_appsecret: r.text('component_appsecret'),
    component_verify_ticket: r.text('component_verify_ticket'),
  };
}
