import { errorMessage } from '../errors.ts';
import { readRunContext } from '../run-context.ts';
import { describeSplit } from '../traffic/split.ts';
import type { FinishedRun } from './result.ts';
import { t } from '../messages/messages.ts';

// What a run leaves on GitHub: the final status of its Deployment, and the pull-request comment.

/** The Deployment's final description: what serves now, or why the release failed. */
export function deploymentDescription(run: FinishedRun): string {
  if (run.failure !== undefined) return errorMessage(run.failure);
  const { result } = run;
  switch (result.operation) {
    case 'deploy':
      return t('github.rolled_out', { version: result.version_name || result.image_url });
    case 'rollback':
      return result.previous_version
        ? t('github.rolled_back_from', { version: result.version_name, previous: result.previous_version })
        : t('github.rolled_back', { version: result.version_name });
    case 'set-traffic':
      return t('github.traffic_set', { split: result.traffic ? describeSplit(result.traffic.after) : result.version_name });
    default:
      return t('github.done');
  }
}

/** The comment: the run's summary (which ends with what failed it), and where it came from. */
export function commentBody(summary: string): string {
  const context = readRunContext();
  const footer = context.runUrl ? `\n<sub>${t('github.comment_footer', { number: context.runNumber, url: context.runUrl })}</sub>\n` : '';
  return `${summary}${footer}`;
}
