import { formatSeconds } from '../duration.ts';
import { describeSplit } from '../traffic/split.ts';
import { describeItems } from '../wechat/traffic-item.ts';
import { shownBody } from '../wechat/bodies.ts';
import type { VersionInfo } from '../wechat/version-list.ts';
import { inlineMarkdown, jsonBlock, markdownTable, pieChart } from './markdown.ts';
import type { DeployResult, TrafficChange, TrafficResult } from './result.ts';
import type { SummaryOptions } from './summary.ts';

// The summary of the operations that change what a service serves: deploy, rollback, set-traffic.

export function releaseSummary(result: DeployResult | TrafficResult, durationMs: number, options: SummaryOptions): string {
  const body = result.operation === 'deploy' ? deploySummary(result, durationMs) : trafficSummary(result, durationMs);
  return (
    body +
    (result.traffic ? trafficSection(result.traffic, options) : '') +
    (result.operation === 'deploy' ? canarySection(result) : '') +
    result.wouldSend
      .map(({ api, body }) => `\nRequest that would be sent to \`componenttcb/${api}\`:\n\n${jsonBlock(shownBody(body))}`)
      .join('')
  );
}

function deploySummary(r: DeployResult, durationMs: number): string {
  const table = markdownTable(
    ['Service', 'Environment', 'Strategy', 'Image', 'Version', 'Previous version', 'Run ID', 'Service created', 'Status', 'Duration'],
    [
      [
        r.service_name,
        r.env_id,
        r.strategy,
        r.image_url,
        r.version_name || '(none)',
        r.previous_version || '(none)',
        r.runId || (r.dryRun ? '(dry run)' : '(none)'),
        r.serviceCreated ? 'yes' : 'no',
        r.status || '(none)',
        formatSeconds(durationMs),
      ],
    ],
  );
  const rollout = r.rollout
    ? `\n### Rollout: ${r.rollout.outcome.replace('_', ' ')}\n\n` +
      markdownTable(
        ['Status', 'Elapsed'],
        r.rollout.timeline.map((change) => [change.status || '(no status)', formatSeconds(change.elapsedMs)]),
      )
    : '';
  return `## ${r.dryRun ? 'Deploy (dry run)' : 'Deploy'}: ${r.service_name}\n\n${table}${rollout}`;
}

function trafficSummary(r: TrafficResult, durationMs: number): string {
  const title = r.operation === 'rollback' ? 'Rollback' : 'Set traffic';
  return (
    `## ${title}${r.dryRun ? ' (dry run)' : ''}: ${r.service_name}\n\n` +
    markdownTable(
      ['Service', 'Environment', 'Now serving', 'Previous version', 'Status', 'Duration'],
      [
        [
          r.service_name,
          r.env_id,
          r.version_name || '(none)',
          r.previous_version || '(none)',
          r.status || '(none)',
          formatSeconds(durationMs),
        ],
      ],
    )
  );
}

/** The split before and after as lines and, where they render, pie charts. */
function trafficSection({ before, after }: TrafficChange, options: SummaryOptions): string {
  return (
    `\nTraffic split before: ${inlineMarkdown(describeSplit(before))}\n` +
    `\nTraffic split: ${inlineMarkdown(describeSplit(after))}\n` +
    (options.charts ? pieChart('Before', slices(before)) + pieChart('After', slices(after)) : '')
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
    '\n### Canary steps\n\n' +
    markdownTable(
      ['Traffic', 'Elapsed', 'Check', 'Result'],
      steps.flatMap((step) => [
        [`${step.percent}%`, formatSeconds(step.elapsedMs), 'traffic set', describeItems(step.split)],
        ...step.checks.map((check) => [
          `${step.percent}%`,
          formatSeconds(check.elapsedMs),
          check.name,
          `${check.ok ? 'ok' : 'FAILED'}: ${check.answer}${check.times > 1 ? ` (${check.times} times)` : ''}`,
        ]),
      ]),
    )
  );
}
