import type { InputName } from './names.ts';
import { ALL_CLUSTERS, type ScnetCredentials, type ScnetTarget } from '../scnet/settings.ts';
import type { InputReader } from './reader.ts';
import { parseApiUrl } from '../http/url-policy.ts';
import { t } from '../messages/messages.ts';

// Inputs sent as HTTP header values (token, user, password, orgId, accessKey): Node refuses a
// header outside Latin-1 or with a line break, which would otherwise fail every call as a
// network error. The secret key only signs, so any text works there.
const HEADER_INPUTS = ['ai_token', 'ai_user', 'ai_password', 'ai_org_id', 'ai_access_key'] as const;
const HEADER_VALUE = /^[\x20-\x7e\xa0-\xff]*$/;

const PASSWORD = ['ai_password', 'ai_org_id'] as const;
const ACCESS_KEY = ['ai_access_key', 'ai_secret_key'] as const;

/** The inputs that say where the AI platform is and who calls it. */
export function readScnetTarget(r: InputReader, allowInsecureHttp: boolean): ScnetTarget {
  const url = (v: string) => parseApiUrl(v, allowInsecureHttp);
  const aiUrl = r.parse('ai_api_url', url) ?? '';
  const acUrl = r.parse('ac_api_url', url) ?? '';
  const scnetUrl = r.parse('scnet_api_url', url) ?? '';
  const credentials = readCredentials(r);
  for (const name of HEADER_INPUTS) {
    // The value is not shown: most of these are secrets.
    if (!HEADER_VALUE.test(r.text(name))) r.problem(name, t('input.ai_header_latin1'));
  }
  const clusterId = r.text('ai_cluster_id');
  if (clusterId && !/^[A-Za-z0-9_-]{1,64}$/.test(clusterId)) r.problem('ai_cluster_id', t('input.ai_cluster_id', { all: ALL_CLUSTERS }));
  if (clusterId === ALL_CLUSTERS) {
    // Every cluster has its own token and AI host: one token or one host cannot reach them all.
    if (credentials.kind === 'token') r.problem('ai_cluster_id', t('input.ai_all_needs_user', { all: ALL_CLUSTERS }));
    if (r.has('ai_api_url')) r.problem('ai_api_url', t('input.ai_url_with_all', { all: ALL_CLUSTERS }));
  }
  return { aiUrl, acUrl, scnetUrl, credentials, clusterId };
}

function readCredentials(r: InputReader): ScnetCredentials {
  const password = PASSWORD.filter((name) => r.has(name));
  const accessKey = ACCESS_KEY.filter((name) => r.has(name));
  if (r.has('ai_token')) {
    const extra = [...(r.has('ai_user') ? ['ai_user'] : []), ...password, ...accessKey];
    if (extra.length) r.problem('ai_token', t('input.ai_token_and_user', { given: extra.join(', ') }));
    return { kind: 'token', token: r.text('ai_token') };
  }
  if (password.length && accessKey.length) {
    r.problem('ai_password', t('input.ai_password_and_key'));
  }
  if (!r.has('ai_user') && !password.length && !accessKey.length) {
    r.problem('ai_token', t('input.ai_credentials_required'));
  }
  const user = r.text('ai_user');
  if (accessKey.length) {
    requireAll(r, ['ai_user', ...ACCESS_KEY], accessKey);
    return { kind: 'access-key', user, accessKey: r.text('ai_access_key'), secretKey: r.text('ai_secret_key') };
  }
  if (password.length) requireAll(r, ['ai_user', ...PASSWORD], password);
  else if (r.has('ai_user')) r.problem('ai_user', t('input.ai_user_needs'));
  return { kind: 'password', user, password: r.text('ai_password'), orgId: r.text('ai_org_id') };
}

function requireAll(r: InputReader, names: readonly InputName[], given: readonly string[]): void {
  for (const name of names) if (!r.has(name)) r.problem(name, t('input.required_together', { given: given.join(', ') }));
}
