import { ActionError } from '../../errors.ts';
import { clock } from '../../clock.ts';
import { formatSeconds } from '../../duration.ts';
import type { VersionInfo } from '../../wechat/version-list.ts';
import type { Deployment } from './deployment.ts';
import { sameImage } from './watch.ts';
import { sendWhenFree } from './when-free.ts';
import * as log from '../../log.ts';
import { t } from '../../messages/messages.ts';

/**
 * createcloudbaserunserverversion, sent once the service is free of another release. An accepted
 * create may answer "creating" with no version name (docs/platform-facts.md#create-version): then
 * the version is the one that appears in the list, running this image. The create is never sent
 * twice, so a slow answer cannot make two versions.
 */
export async function createVersion(
  d: Deployment,
  body: Readonly<Record<string, unknown>>,
  title: string,
): Promise<{ sent: { runId: string; version_name: string }; before: readonly VersionInfo[] }> {
  return log.group(title, async () => {
    const { sent, before } = await sendWhenFree(d, () => d.service.createVersion(body));
    const version_name = sent.version_name || (await findCreated(d, before));
    log.info(t('release.version_accepted', { version: version_name, run_id: sent.runId || t('release.none_given') }));
    return { sent: { runId: sent.runId, version_name }, before };
  });
}

/** The version a create made: new in the list since `before`, running the image asked for. */
async function findCreated(d: Deployment, before: readonly VersionInfo[]): Promise<string> {
  const { timeoutMs, pollIntervalMs } = d.config.timing;
  const known = new Set(before.map((v) => v.version_name));
  const deadline = clock.now() + timeoutMs;
  log.info(t('release.create_no_name'));
  for (;;) {
    const fresh = (await d.service.versions()).filter((v) => !known.has(v.version_name));
    for (const version of fresh) {
      const { image_url } = await d.service.detail(version.version_name);
      if (sameImage(image_url, d.config.image.image_url)) return version.version_name;
      // Another image is another release's version; one with no image yet is looked at again.
      if (image_url) known.add(version.version_name);
    }
    if (clock.now() + pollIntervalMs > deadline)
      throw new ActionError(
        t('release.created_not_found', { service: d.service.name, timeout: formatSeconds(timeoutMs) }),
        t('release.created_not_found.hint'),
      );
    await clock.sleep(pollIntervalMs);
  }
}
