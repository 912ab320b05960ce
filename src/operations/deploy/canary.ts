import { clock } from '../../clock.ts';
import { formatSeconds } from '../../duration.ts';
import type { CanaryConfig } from '../../inputs/deploy.ts';
import type { CanaryCheck, CanaryStep } from '../../result/result.ts';
import { planTraffic } from '../../traffic/split.ts';
import type { CloudService } from '../../wechat/service.ts';
import type { VersionInfo } from '../../wechat/version-list.ts';
import { classifyStatus } from '../../wechat/version-status.ts';
import { checkHealth } from './health.ts';
import * as log from '../../log.ts';

// The traffic steps of a new version (Argo Rollouts' canary, simplified): set the weight, then
// watch the step for canary_interval, every poll_interval reading the new version's status and,
// with health_url, GETting it. The first failed check ends the canary; the caller reverts.

export interface CanaryResult {
  readonly steps: readonly CanaryStep[];
  /** The versions as the last split left them. */
  readonly versions: readonly VersionInfo[];
  readonly failed: CanaryCheck | undefined;
}

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

export async function runCanary(service: CloudService, plan: CanaryPlan): Promise<CanaryResult> {
  const steps: CanaryStep[] = [];
  let versions: readonly VersionInfo[] = plan.before;
  for (const [index, percent] of plan.steps.entries()) {
    const split = planTraffic(plan.version_name, percent, plan.before);
    versions = await log.group(`Send ${percent}% of the traffic to ${plan.version_name}`, () => service.setSplit(split));
    const step: CanaryStep = { percent, elapsedMs: clock.now() - plan.startedAt, split, checks: [] };
    steps.push(step);
    // The last step is watched only when there is a health gate: without one there is nothing to wait for.
    if (index === plan.steps.length - 1 && !plan.canary.healthUrl) break;
    const failed = await log.group(`Watch ${plan.version_name} at ${percent}% for ${formatSeconds(plan.canary.intervalMs)}`, () =>
      watchStep(service, plan, step),
    );
    if (failed) return { steps, versions, failed };
  }
  return { steps, versions, failed: undefined };
}

/**
 * Checks after every poll_interval of canary_interval, at least once; returns the first failed
 * check. The number of checks follows from the two durations alone, not from how long each took.
 */
async function watchStep(service: CloudService, plan: CanaryPlan, step: CanaryStep): Promise<CanaryCheck | undefined> {
  const { intervalMs } = plan.canary;
  const checks = Math.max(1, Math.ceil(intervalMs / plan.pollIntervalMs));
  for (let i = 0; i < checks; i++) {
    await clock.sleep(Math.min(plan.pollIntervalMs, intervalMs - i * plan.pollIntervalMs));
    const current = (await service.versions()).find((v) => v.version_name === plan.version_name);
    const ready = current !== undefined && classifyStatus(current.status) === 'ready';
    if (!ready)
      return record(step, plan, 'version status', false, `${plan.version_name} is ${current ? current.status || '(no status)' : 'gone'}`);
    if (plan.canary.healthUrl) {
      const health = await checkHealth(plan.canary.healthUrl, plan.requestTimeoutMs);
      const check = record(step, plan, 'health_url', health.ok, health.answer);
      if (!health.ok) return check;
    }
  }
  return undefined;
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
