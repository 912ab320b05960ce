import pkg from '../package.json' with { type: 'json' };
import { jobEnv } from './job-scope.ts';
import { jobLanguage, type Language } from './messages/messages.ts';

/** This project on GitHub, as package.json's repository names it: owner/name. */
export const REPOSITORY = /github\.com[/:]([^/]+\/[^/]+?)(?:\.git)?$/.exec(pkg.repository.url)![1];

/** The page that has a row for every errcode and code, each with an anchor (wechat-40014, ai-10008), in each language. */
export const TROUBLESHOOTING_PAGES: Readonly<Record<Language, string>> = {
  en: 'docs/troubleshooting.md',
  'zh-CN': 'docs/troubleshooting.zh-CN.md',
};

/**
 * A link to the troubleshooting row for a code. On a runner, GITHUB_ACTION_REPOSITORY names the
 * repository the action was taken from (on GITHUB_SERVER_URL), so forks, mirrors and GitHub
 * Enterprise link to their own copy; elsewhere (the command) the link is this project's. The page
 * is in the job's language.
 */
export function troubleshootingLink(anchor: string): string {
  const env = jobEnv();
  const repository = env.GITHUB_ACTION_REPOSITORY
    ? `${env.GITHUB_SERVER_URL || 'https://github.com'}/${env.GITHUB_ACTION_REPOSITORY}`
    : `https://github.com/${REPOSITORY}`;
  return `${repository}/blob/HEAD/${TROUBLESHOOTING_PAGES[jobLanguage()]}#${anchor}`;
}
