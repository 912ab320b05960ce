import { formatSeconds } from '../duration.ts';
import { describeSplit } from '../traffic/split.ts';
import { describeItems } from '../wechat/traffic-item.ts';
import { shownBody } from '../wechat/bodies.ts';
import type { VersionInfo } from '../wechat/version-list.ts';
import { columns, inlineMarkdown, jsonBlock, markdownTable, pieChart } from './markdown.ts';
import type { DeployResult, TrafficChange, TrafficResult } from './result.ts';
import type { SummaryOptions } from './summary.ts';
import { t } from '../messages/messages.ts';

// The summary of the operations that change what a service serves: deploy, rollback, set-traffic.

export function releaseSummary(result: DeployResult | TrafficResult, durationMs: number, options: SummaryOptions): string {
  const body = result.operation === 'deploy' ? deploySummary(result, durationMs) : trafficSummary(result, durationMs);
  return (
    body +
    (result.traffic ? trafficSection(result.traffic, options) : '') +
    (result.operation === 'deploy' ? canarySection(result) : '') +
    result.wouldSend.map(({ api, body }) => `\n${t('summary.would_send', { api })}\n\n${jsonBlock(shownBody(body))}`).join('')
  );
}

function deploySummary(r: DeployResult, durationMs: number): string {
  const none = t('summary.none');
  const table = markdownTable(
    columns(
      'summary.col.service',
      'summary.col.environment',
      'summary.col.strategy',
      'summary.col.image',
      'summary.col.version',
      'summary.col.previous_version',
      'summary.col.run_id',
      'summary.col.service_created',
      'summary.col.status',
      'summary.col.duration',
    ),
    [
      [
        r.service_name,
        r.env_id,
        r.strategy === 'first-version' ? t('summary.first_version') : r.strategy,
        r.image_url,
        r.version_name || none,
        r.previous_version || none,
        r.runId || (r.dryRun ? t('summary.dry_run') : none),
        t(r.serviceCreated ? 'summary.yes' : 'summary.no'),
        r.status || none,
        formatSeconds(durationMs),
      ],
    ],
  );
  const rollout = r.rollout
    ? `\n### ${t('summary.rollout', { outcome: r.rollout.outcome.replace('_', ' ') })}\n\n` +
      markdownTable(
        columns('summary.col.status', 'summary.col.elapsed'),
        r.rollout.timeline.map((change) => [change.status || t('release.no_status'), formatSeconds(change.elapsedMs)]),
      )
    : '';
  return `## ${t(r.dryRun ? 'summary.deploy_dry_run' : 'summary.deploy', { service: r.service_name })}\n\n${table}${rollout}`;
}

function trafficSummary(r: TrafficResult, durationMs: number): string {
  const title =
    r.operation === 'rollback'
      ? t(r.dryRun ? 'summary.rollback_dry_run' : 'summary.rollback', { service: r.service_name })
      : t(r.dryRun ? 'summary.set_traffic_dry_run' : 'summary.set_traffic', { service: r.service_name });
  const none = t('summary.none');
  return (
    `## ${title}\n\n` +
    markdownTable(
      columns(
        'summary.col.service',
        'summary.col.environment',
        'summary.col.now_serving',
        'summary.col.previous_version',
        'summary.col.status',
        'summary.col.duration',
      ),
      [[r.service_name, r.env_id, r.version_name || none, r.previous_version || none, r.status || none, formatSeconds(durationMs)]],
    )
  );
}

/** The split before and after as lines and, where they render, pie charts. */
function trafficSection({ before, after }: TrafficChange, options: SummaryOptions): string {
  return (
    `\n${t('summary.split_before', { split: inlineMarkdown(describeSplit(before)) })}\n` +
    `\n${t('summary.split_after', { split: inlineMarkdown(describeSplit(after)) })}\n` +
    (options.charts ? pieChart(t('summary.chart_before'), slices(before)) + pieChart(t('summary.chart_after'), slices(after)) : '')
  );
}

function slices(versions: readonly VersionInfo[]) {
  return versions.filter((v) => (v.flow_ratio ?? 0) > 0).map((v) => ({ label: v.version_name, value: v.flow_ratio! }));
}

/** The canary's steps and checks; nothing for a straight switch, which has one step and no check. */
function canarySection(r: DeployResult): string {
  const steps = r.canary ?? [];
  if (!steps.some((step) => step.checks.length)) return '';
  return (
    `\n### ${t('summary.canary_steps')}\n\n` +
    markdownTable(
      columns('summary.col.traffic', 'summary.col.elapsed', 'summary.col.check', 'summary.col.result'),
      steps.flatMap((step) => [
        [`${step.percent}%`, formatSeconds(step.elapsedMs), t('summary.traffic_set'), describeItems(step.split)],
        ...step.checks.map((check) => [
          `${step.percent}%`,
          formatSeconds(check.elapsedMs),
          t(`release.check.${check.name}`),
          t(check.times > 1 ? 'summary.check_result_times' : 'summary.check_result', {
            result: t(check.ok ? 'release.check.ok' : 'release.check.failed'),
            answer: check.answer,
            times: check.times,
          }),
        ]),
      ]),
    )
  );
}
