import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorMessage } from '../errors.ts';
import { jobEnv } from '../job-scope.ts';
import * as log from '../log.ts';
import { redact } from '../secrets.ts';
import { cleanupLists } from './outputs.ts';
import type { RunResult } from './result.ts';
import { t } from '../messages/messages.ts';

/**
 * Writes the whole result of a cleanup as JSON under RUNNER_TEMP (the runner's temporary directory,
 * kept for later steps of the job and for artifact uploads) and returns its path; '' when there is
 * nothing to write or nowhere to write it. Losing the file costs a warning, never the outputs or
 * the summary.
 */
export function writeReportFile(result: RunResult, keepsReportFiles: boolean): string {
  if (result.operation !== 'delete-versions' && result.operation !== 'clean-containers') return '';
  if (!keepsReportFiles) return '';
  const directory = jobEnv().RUNNER_TEMP;
  if (!directory) {
    log.warning(t('report.no_runner_temp'));
    return '';
  }
  const path = join(directory, `cloudrun-release-${result.operation}-${randomBytes(4).toString('hex')}.json`);
  try {
    writeFileSync(path, redact(JSON.stringify({ operation: result.operation, ...cleanupLists(result) })));
    return path;
  } catch (err) {
    log.warning(t('report.not_written', { error: errorMessage(err) }));
    return '';
  }
}
