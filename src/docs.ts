import pkg from '../package.json' with { type: 'json' };
import { jobEnv } from './job-scope.ts';

/** This project on GitHub, as package.json's repository names it: owner/name. */
export const REPOSITORY = /github\.com[/:]([^/]+\/[^/]+?)(?:\.git)?$/.exec(pkg.repository.url)![1];

/**
 * A link to the README's troubleshooting row for a code. On a runner, GITHUB_ACTION_REPOSITORY
 * names the repository the action was taken from (on GITHUB_SERVER_URL), so forks, mirrors and
 * GitHub Enterprise link to their own copy; elsewhere (the command) the link is this project's.
 */
export function troubleshootingLink(anchor: string): string {
  const env = jobEnv();
  if (env.GITHUB_ACTION_REPOSITORY) return `${env.GITHUB_SERVER_URL || 'https://github.com'}/${env.GITHUB_ACTION_REPOSITORY}#${anchor}`;
  return `https://github.com/${REPOSITORY}#${anchor}`;
}
