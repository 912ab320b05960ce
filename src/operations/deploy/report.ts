import { formatSeconds, inlineMarkdown, markdownTable, setOutputs, writeSummary } from '../../report.ts';
import { describeItems } from '../../wechat/service.ts';
import type { VersionInfo } from '../../wechat/version-list.ts';
import type { CanaryStep } from './canary.ts';
import { describeSplit } from '../../traffic/split.ts';
import type { StatusChange, WatchResult } from './watch.ts';

// What a release leaves for later steps (outputs) and for people (the job summary). Written on
// failures too. Every string the platform sent is escaped before it reaches markdown.

export interface DeployOutcome {
  readonly runId: string;
  readonly version_name: string;
  readonly status: string;
  readonly image_url: string;
  /** The version that served the most traffic before the release; empty when none did. */
  readonly previous_version: string;
  readonly watched?: { readonly timeline: readonly StatusChange[]; readonly outcome: WatchResult['outcome'] };
  /** The versions before and after the traffic moved, when it did (or would, on a dry run). */
  readonly split?: { readonly before: readonly VersionInfo[]; readonly after: readonly VersionInfo[] };
  readonly canary?: readonly CanaryStep[];
  /** On a dry run: what would be sent, API name → body. */
  readonly wouldSend?: readonly { readonly api: string; readonly body: Readonly<Record<string, unknown>> }[];
}

export interface DeployReportContext {
  readonly env_id: string;
  readonly service_name: string;
  readonly strategy: string;
  readonly dryRun: boolean;
  readonly serviceCreated: boolean;
  readonly durationMs: number;
}

export function writeDeployReport(c: DeployReportContext, o: DeployOutcome): void {
  setOutputs({
    run_id: o.runId,
    version_name: o.version_name,
    previous_version: o.previous_version,
    service_created: c.serviceCreated,
    status: o.status,
    image_url: o.image_url,
    duration_seconds: (c.durationMs / 1000).toFixed(1),
  });
  const watched = o.watched
    ? `\n### Rollout: ${o.watched.outcome}\n\n` +
      markdownTable(
        ['Status', 'Elapsed'],
        o.watched.timeline.map((change) => [change.status || '(no status)', formatSeconds(change.elapsedMs)]),
      )
    : '';
  const canary = o.canary?.length
    ? '\n### Canary steps\n\n' +
      markdownTable(
        ['Traffic', 'Elapsed', 'Check', 'Result'],
        o.canary.flatMap((step) => [
          [`${step.percent}%`, formatSeconds(step.elapsedMs), 'traffic set', describeItems(step.split)],
          ...step.checks.map((check) => [
            `${step.percent}%`,
            formatSeconds(check.elapsedMs),
            check.name,
            `${check.ok ? 'ok' : 'FAILED'}: ${check.answer}${check.times > 1 ? ` (${check.times} times)` : ''}`,
          ]),
        ]),
      )
    : '';
  writeSummary(
    `## ${c.dryRun ? 'Deploy (dry run)' : 'Deploy'}: ${c.service_name}\n\n` +
      markdownTable(
        ['Service', 'Environment', 'Strategy', 'Image', 'Version', 'Previous version', 'Run ID', 'Service created', 'Status', 'Duration'],
        [
          [
            c.service_name,
            c.env_id,
            c.strategy,
            o.image_url,
            o.version_name || '(none)',
            o.previous_version || '(none)',
            o.runId || (c.dryRun ? '(dry run)' : '(none)'),
            c.serviceCreated ? 'yes' : 'no',
            o.status,
            formatSeconds(c.durationMs),
          ],
        ],
      ) +
      watched +
      (o.split ? trafficSection(o.split.before, o.split.after) : '') +
      canary +
      (o.wouldSend ?? [])
        .map(({ api, body }) => `\nRequest that would be sent to \`componenttcb/${api}\`:\n\n${jsonBlock(shownBody(body))}`)
        .join(''),
  );
}

/** The split before and after as lines and Mermaid pie charts, which job summaries render. */
export function trafficSection(before: readonly VersionInfo[], after: readonly VersionInfo[]): string {
  return (
    `\nTraffic split before: ${inlineMarkdown(describeSplit(before))}\n` +
    `\nTraffic split: ${inlineMarkdown(describeSplit(after))}\n` +
    pie('Before', before) +
    pie('After', after)
  );
}

function pie(title: string, versions: readonly VersionInfo[]): string {
  const serving = versions.filter((v) => (v.flow_ratio ?? 0) > 0);
  if (!serving.length) return '';
  const slices = serving.map((v) => `    "${mermaidLabel(v.version_name)}" : ${v.flow_ratio}`);
  return `\n\`\`\`mermaid\npie title ${title}\n${slices.join('\n')}\n\`\`\`\n`;
}

/** A pie label that cannot close its quotes, the code block or the line: platform text kept to safe characters. */
function mermaidLabel(text: string): string {
  return text.replace(/[^A-Za-z0-9_. -]/g, '_').slice(0, 64);
}

function jsonBlock(value: unknown): string {
  // A fence longer than any run of backticks in the text, so the text cannot close it.
  const longest = Math.max(2, ...[...JSON.stringify(value).matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}json\n${JSON.stringify(value, null, 2)}\n${fence}\n`;
}

/**
 * A request body as it may be shown (log, summary, pull-request comment): env_params holds
 * environment variables, often passwords, so their values are replaced by *** and only keys remain.
 */
export function shownBody(body: Readonly<Record<string, unknown>>): Record<string, unknown> {
  if (typeof body.env_params !== 'string') return { ...body };
  let keys: string[];
  try {
    const parsed: unknown = JSON.parse(body.env_params);
    keys = typeof parsed === 'object' && parsed !== null ? Object.keys(parsed) : [];
  } catch {
    keys = [];
  }
  return { ...body, env_params: JSON.stringify(Object.fromEntries(keys.map((key) => [key, '***']))) };
}
