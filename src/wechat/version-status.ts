import { VERSION_STATUS } from './shapes.ts';

// What a Cloud Hosting version `status` means. The platform documents no full list (only
// `build_fail` appears in an example), so this is the one place that interprets it:
// - the statuses below are a healthy, serving-ready version;
// - a word holding "fail" is a failure (build_fail, deploy_fail, …);
// - the words of a release under way (building, deploying, …) and an absent status are in progress;
// - anything else is unknown: not ready, not failed, so never given traffic and never deleted.

export type VersionState = 'ready' | 'failed' | 'in-progress' | 'unknown';

const READY = new Set(['normal', 'running', 'active', 'succ', 'success', 'online']);
const IN_PROGRESS =
  /^(|accepted|pending|queue[d]?|waiting|creating|created|building|built|deploying|updating|processing|starting|init(ializing)?|releasing|rolling)$/;

export function classifyStatus(status: string): VersionState {
  const s = status.trim().toLowerCase();
  if (!VERSION_STATUS.test(s)) return 'unknown';
  if (READY.has(s)) return 'ready';
  if (/fail/.test(s)) return 'failed';
  if (IN_PROGRESS.test(s) || /^(build|deploy|creat|updat|releas|start)(ing)?(_|$)/.test(s)) return 'in-progress';
  return 'unknown';
}

/** The status for an output or a shell: the platform's word, or `unknown` for text in any other shape. */
export function statusWord(status: string): string {
  return VERSION_STATUS.test(status) ? status : 'unknown';
}
