import { clock } from '../../clock.ts';
import { formatSeconds } from '../../duration.ts';
import type { CanaryConfig } from '../../inputs/deploy.ts';
import type { CanaryCheck, CanaryStep } from '../../result/result.ts';
import type { TrafficGuard } from '../../traffic/guard.ts';
import { planTraffic } from '../../traffic/split.ts';
import type { VersionInfo } from '../../wechat/version-list.ts';
import { classifyStatus } from '../../wechat/version-status.ts';
import { checkHealth } from './health.ts';
import * as log from '../../log.ts';
import { t } from '../../messages/messages.ts';

// The traffic steps of a new version (Argo Rollouts' canary, simplified): set the weight, then
// watch the step for canary_interval, every poll_interval reading the versions (the new one must
// stay ready, and nobody else may have moved the traffic) and, with health_url, GETting it. The
// first failed check ends the canary; the caller puts the traffic back.

export interface CanaryPlan {
  readonly version_name: string;
  /** The versions before the deploy: their shares split what the new version does not take. */
  readonly before: readonly VersionInfo[];
  readonly steps: readonly number[];
  readonly canary: CanaryConfig;
  readonly pollIntervalMs: number;
  readonly requestTimeoutMs: number;
  /** clock.now() the elapsed times count from. */
  readonly startedAt: number;
}

/**
 * The versions the last step left, and the check that failed, if one did. Each step joins `steps`
 * once its split is in place; `progress.percent` is the step being sent or watched.
 */
export async function runCanary(
  guard: TrafficGuard,
  plan: CanaryPlan,
  steps: CanaryStep[],
  progress: { percent?: number },
): Promise<{ versions: readonly VersionInfo[]; failed: CanaryCheck | undefined }> {
  let versions: readonly VersionInfo[] = plan.before;
  for (const [index, percent] of plan.steps.entries()) {
    progress.percent = percent;
    const split = planTraffic(plan.version_name, percent, plan.before);
    versions = await log.group(t('release.send_traffic', { percent, version: plan.version_name }), () =>
      guard.set(split, t('release.when.before_step', { percent })),
    );
    const step: CanaryStep = { percent, elapsedMs: clock.now() - plan.startedAt, split, checks: [] };
    steps.push(step);
    // The last step is watched only when there is a health gate: without one there is nothing to wait for.
    if (index === plan.steps.length - 1 && !plan.canary.healthUrl) break;
    const failed = await watchStep(guard, plan, step);
    if (failed) return { versions, failed };
  }
  return { versions, failed: undefined };
}

/**
 * Watches the new version at one step for canary_interval, checking once every poll_interval (at
 * least once); returns the first failed check. Checks keep to their schedule and the step ends when
 * its time is up, however long the checks take: a slow health endpoint gets fewer checks, never a
 * longer step.
 */
export function watchStep(guard: TrafficGuard, plan: CanaryPlan, step: CanaryStep): Promise<CanaryCheck | undefined> {
  const { intervalMs, healthUrl } = plan.canary;
  const title = t('release.watch_step', { version: plan.version_name, percent: step.percent, interval: formatSeconds(intervalMs) });
  return log.group(title, async () => {
    const start = clock.now();
    const end = start + intervalMs;
    for (let due = Math.min(start + plan.pollIntervalMs, end); ; due = Math.min(due + plan.pollIntervalMs, end)) {
      await clock.sleep(Math.max(0, due - clock.now()));
      const versions = await guard.check(t('release.when.while_step', { percent: step.percent, version: plan.version_name }));
      const current = versions.find((v) => v.version_name === plan.version_name);
      if (!current || classifyStatus(current.status) !== 'ready') {
        const answer = current
          ? t('release.check.version_is', { version: plan.version_name, status: current.status || t('release.no_status') })
          : t('release.check.version_gone', { version: plan.version_name });
        return record(step, plan, 'status', false, answer);
      }
      if (healthUrl) {
        // Within the step's time, but never less than a second: a check must have a chance.
        const health = await checkHealth(healthUrl, Math.min(plan.requestTimeoutMs, Math.max(1_000, end - clock.now())));
        const check = record(step, plan, 'health_url', health.ok, health.answer);
        if (!health.ok) return check;
      }
      if (due >= end || clock.now() >= end) return undefined;
    }
  });
}

/** "12.0s: health_url FAILED: HTTP 500": a check as the log says it. */
function describeCheck(elapsed: string, check: Pick<CanaryCheck, 'name' | 'ok' | 'answer'>): string {
  const result = t(check.ok ? 'release.check.ok' : 'release.check.failed');
  return t('release.check.logged', { elapsed, check: t(`release.check.${check.name}`), result, answer: check.answer });
}

function record(step: CanaryStep, plan: CanaryPlan, name: CanaryCheck['name'], ok: boolean, answer: string): CanaryCheck {
  const elapsedMs = clock.now() - plan.startedAt;
  log.info(describeCheck(formatSeconds(elapsedMs), { name, ok, answer }));
  const last = step.checks.at(-1);
  const check: CanaryCheck =
    last && last.name === name && last.ok === ok && last.answer === answer
      ? { ...last, times: last.times + 1 }
      : { name, ok, answer, elapsedMs, times: 1 };
  if (check.times > 1) step.checks[step.checks.length - 1] = check;
  else step.checks.push(check);
  return check;
}
