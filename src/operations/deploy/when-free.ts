import { ActionError } from '../../errors.ts';
import { clock } from '../../clock.ts';
import { formatSeconds } from '../../duration.ts';
import { ReleaseInProgressError } from '../../wechat/service.ts';
import type { VersionInfo } from '../../wechat/version-list.ts';
import type { Deployment } from './deployment.ts';
import * as log from '../../log.ts';
import { t } from '../../messages/messages.ts';

/**
 * Sends a release, first waiting out another release of the service for up to `timeout` (the
 * platform refuses a second one while one runs). Returns what send returned, and the versions
 * just before the accepted attempt, so the watcher can tell the version it produces.
 */
export async function sendWhenFree<T>(d: Deployment, send: () => Promise<T>): Promise<{ sent: T; before: readonly VersionInfo[] }> {
  const { timeoutMs, pollIntervalMs } = d.config.timing;
  const deadline = clock.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    // Read again before each retry: the release that was running has made a version of its own.
    const before = attempt === 0 ? d.before : await d.service.versions();
    try {
      return { sent: await send(), before };
    } catch (err) {
      if (!(err instanceof ReleaseInProgressError)) throw err;
      if (clock.now() + pollIntervalMs > deadline) {
        throw new ActionError(
          t('release.other_release_running', { service: d.service.name, timeout: formatSeconds(timeoutMs), errmsg: err.errmsg }),
          t('release.other_release_running.hint'),
          { cause: err },
        );
      }
      log.info(t('release.waiting_other_release', { service: d.service.name, errmsg: err.errmsg, delay: formatSeconds(pollIntervalMs) }));
      await clock.sleep(pollIntervalMs);
    }
  }
}
