import { errorMessage } from '../errors.ts';
import { cleanupSummary } from './summary-cleanup.ts';
import { releaseSummary } from './summary-release.ts';
import type { FinishedRun } from './result.ts';
import { inlineMarkdown } from './markdown.ts';
import { t } from '../messages/messages.ts';

export interface SummaryOptions {
  /** Mermaid pie charts: GitHub renders them; a terminal would show their source. */
  readonly charts: boolean;
}

/** The job summary of a run, which the pull-request comment shows too; ends with what failed it, if anything did. */
export function summaryOf(run: FinishedRun, options: SummaryOptions): string {
  const { result } = run;
  const body =
    result.operation === 'delete-versions' || result.operation === 'clean-containers'
      ? cleanupSummary(result, run.durationMs)
      : releaseSummary(result, run.durationMs, options);
  return run.failure === undefined ? body : `${body}\n${t('summary.failed', { error: inlineMarkdown(firstLine(run.failure)) })}\n`;
}

function firstLine(failure: unknown): string {
  return errorMessage(failure).split('\n')[0];
}
