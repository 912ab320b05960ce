import { jobEnv } from './job-scope.ts';

/**
 * A link to the README's troubleshooting row for a code. The runner names the repository the
 * action was taken from (GITHUB_ACTION_REPOSITORY), so forks and mirrors link to their own docs.
 */
export function troubleshootingLink(anchor: string): string {
  const env = jobEnv();
  const server = env.GITHUB_SERVER_URL || 'https://github.com';
  const repository = env.GITHUB_ACTION_REPOSITORY || 'your-org/cloudrun-release';
  return `${server}/${repository}#${anchor}`;
}
