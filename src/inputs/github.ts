import { parseHttpUrl } from '../http/url-policy.ts';
import { parseBoolean } from './parsers.ts';
import type { GithubSettings } from '../github/settings.ts';
import type { InputReader } from './reader.ts';
import { t } from '../messages/messages.ts';

/** The operations that change what a service serves, recorded as GitHub Deployments. */
const RELEASES = ['deploy', 'rollback', 'set-traffic'];

/** The GitHub integration inputs; both features are off by default and need github_token. */
export function readGithubSettings(r: InputReader, operation: string): GithubSettings {
  const wantsDeployment = r.value('github_deployment', parseBoolean);
  const prComment = r.value('pr_comment', parseBoolean);
  const deactivatePrevious = r.value('deactivate_previous', parseBoolean);
  // Shown on the Deployment as given: any http(s) URL, but never one carrying credentials.
  const environmentUrl = r.parse('environment_url', (v) => {
    const url = parseHttpUrl(v);
    if (url.username || url.password) throw new Error(t('input.environment_url_credentials'));
    return v;
  });
  const token = r.text('github_token');
  if ((wantsDeployment || prComment) && !token) {
    r.problem('github_token', t('input.github_token_required', { feature: wantsDeployment ? 'github_deployment' : 'pr_comment' }));
  }
  if (wantsDeployment && !RELEASES.includes(operation))
    r.problem('github_deployment', t('input.github_deployment_operations', { operations: RELEASES.join(', ') }));
  const environment = r.text('github_environment') || r.text('env_id');
  return {
    token,
    deployment: wantsDeployment ? { environment, environmentUrl, deactivatePrevious } : undefined,
    prComment,
  };
}
