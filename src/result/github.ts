import { errorMessage } from '../errors.ts';
import { readRunContext } from '../run-context.ts';
import { describeSplit } from '../traffic/split.ts';
import type { FinishedRun } from './result.ts';

// What a run leaves on GitHub: the final status of its Deployment, and the pull-request comment.

/** The Deployment's final description: what serves now, or why the release failed. */
export function deploymentDescription(run: FinishedRun): string {
  if (run.failure !== undefined) return errorMessage(run.failure);
  const { result } = run;
  switch (result.operation) {
    case 'deploy':
      return `Rolled out ${result.version_name || result.image_url}`;
    case 'rollback':
      return `Rolled back to ${result.version_name}${result.previous_version ? ` from ${result.previous_version}` : ''}`;
    case 'set-traffic':
      return `Traffic set: ${result.traffic ? describeSplit(result.traffic.after) : result.version_name}`;
    default:
      return 'Done';
  }
}

/** The comment: the run's summary (which ends with what failed it), and where it came from. */
export function commentBody(summary: string): string {
  const context = readRunContext();
  const footer = context.runUrl ? `\n<sub>From [workflow run ${context.runNumber}](${context.runUrl}), updated on every run.</sub>\n` : '';
  return `${summary}${footer}`;
}
