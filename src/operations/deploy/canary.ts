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
    versions = await log.group(`Send ${percent}% of the traffic to ${plan.version_name}`, () =>
      guard.set(split, `before the ${percent}% step`),
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
  return log.group(`Watch ${plan.version_name} at ${step.percent}% for ${formatSeconds(intervalMs)}`, async () => {
    const start = clock.now();
    const end = start + intervalMs;
    for (let due = Math.min(start + plan.pollIntervalMs, end); ; due = Math.min(due + plan.pollIntervalMs, end)) {
      await clock.sleep(Math.max(0, due - clock.now()));
      const versions = await guard.service.versions();
      guard.verify(versions, `while ${step.percent}% went to ${plan.version_name}`);
      const current = versions.find((v) => v.version_name === plan.version_name);
      if (!current || classifyStatus(current.status) !== 'ready')
        return record(step, plan, 'version status', false, `${plan.version_name} is ${current ? current.status || '(no status)' : 'gone'}`);
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

function record(step: CanaryStep, plan: CanaryPlan, name: CanaryCheck['name'], ok: boolean, answer: string): CanaryCheck {
  const elapsedMs = clock.now() - plan.startedAt;
  log.info(`${formatSeconds(elapsedMs)}: ${name} ${ok ? 'ok' : 'FAILED'}: ${answer}`);
  const last = step.checks.at(-1);
  const check: CanaryCheck =
    last && last.name === name && last.ok === ok && last.answer === answer
      ? { ...last, times: last.times + 1 }
      : { name, ok, answer, elapsedMs, times: 1 };
  if (check.times > 1) step.checks[step.checks.length - 1] = check;
  else step.checks.push(check);
  return check;
}
