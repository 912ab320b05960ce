import { host } from '../host/host.ts';
import { redact } from '../secrets.ts';
import { inlineMarkdown } from './markdown.ts';
import { outputsOf, type Outputs } from './outputs.ts';
import { writeReportFile } from './report-file.ts';
import type { FinishedRun } from './result.ts';
import { summaryOf } from './summary.ts';
import { t } from '../messages/messages.ts';

// The one place a run's result becomes what people and later steps read: the report file, the
// outputs and the job summary. Secrets never reach any of them.

/** Renders a finished run, however it ended; returns the summary as a pull-request comment shows it. */
export function renderRun(run: FinishedRun): string {
  const reportFile = writeReportFile(run.result, host().keepsReportFiles);
  setOutputs(outputsOf(run, reportFile));
  host().appendSummary(`${redact(summaryOf(run, { charts: host().rendersMarkdown }))}\n`);
  return summaryOf(run, { charts: true });
}

/** Outputs that come after the run: what the GitHub integration recorded. */
export function setOutputs(outputs: Outputs): void {
  for (const [name, value] of Object.entries(outputs)) host().setOutput(name, redact(String(value)));
}

/** The post step's line in the job summary: what it found the main step had left, and what it did. */
export function renderPostStep(outcome: string): void {
  host().appendSummary(`${redact(`\n### ${t('post.heading')}\n\n${inlineMarkdown(outcome)}\n`)}\n`);
}
