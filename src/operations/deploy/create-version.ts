import { ActionError } from '../../errors.ts';
import { clock } from '../../clock.ts';
import { formatSeconds } from '../../duration.ts';
import type { VersionInfo } from '../../wechat/version-list.ts';
import type { Deployment } from './deployment.ts';
import { sameImage } from './watch.ts';
import { sendWhenFree } from './when-free.ts';
import * as log from '../../log.ts';

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
    log.info(`Version ${version_name} accepted: run_id ${sent.runId || '(none given)'}`);
    return { sent: { runId: sent.runId, version_name }, before };
  });
}

/** The version a create made: new in the list since `before`, running the image asked for. */
async function findCreated(d: Deployment, before: readonly VersionInfo[]): Promise<string> {
  const { timeoutMs, pollIntervalMs } = d.config.timing;
  const known = new Set(before.map((v) => v.version_name));
  const deadline = clock.now() + timeoutMs;
  log.info('The create was accepted without a version name yet: looking for the new version in the list.');
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
        `The new version was accepted but did not appear in the version list of ${d.service.name} within ${formatSeconds(timeoutMs)}`,
        'do not re-run blindly, or a second version is created: check the version list in the Cloud Hosting console first',
      );
    await clock.sleep(pollIntervalMs);
  }
}
