// What a Cloud Hosting version `status` means. The platform documents no full list (only
// `build_fail` appears in an example), so this is the one place that interprets it:
// - a status containing "fail" is a failure (build_fail, deploy_fail, …);
// - the statuses below are a healthy, serving-ready version;
// - anything else is still being built or deployed, and so must not be deleted or trusted yet.

export type VersionState = 'ready' | 'failed' | 'in-progress';

const READY = new Set(['normal', 'running', 'active', 'succ', 'success', 'online']);

export function classifyStatus(status: string): VersionState {
  const s = status.trim().toLowerCase();
  if (s.includes('fail')) return 'failed';
  return READY.has(s) ? 'ready' : 'in-progress';
}
