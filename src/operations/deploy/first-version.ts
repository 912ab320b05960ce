import { API } from '../../wechat/service.ts';
import { newVersionBody, sendWhenFree, watchRelease, type Deployment } from './release.ts';
import { shownBody, type DeployOutcome } from './report.ts';
import * as log from '../../log.ts';

// A service with no version cannot be rolled (seed 003: a rolling update replaces a version), and
// establishcloudbaserunserver takes no image (seed 001): whatever the strategy, its first version
// comes from createcloudbaserunserverversion, with all the traffic.

export async function deployFirstVersion(d: Deployment, report: (o: DeployOutcome) => void): Promise<void> {
  const { config, service } = d;
  const body = newVersionBody(config, service, 100, undefined);
  const image_url = config.image.image_url;
  if (config.watch?.traffic?.some((share) => share !== 100))
    log.info(`Service ${service.name} has no version yet: its first version takes all the traffic, whatever traffic says.`);
  if (service.readOnly) {
    log.info(
      `Dry run: service ${service.name} has no version; would POST componenttcb/${API.createVersion} with:\n${JSON.stringify(shownBody(body), null, 2)}`,
    );
    return report({
      runId: '',
      version_name: '',
      status: 'dry_run',
      image_url,
      previous_version: '',
      wouldSend: [{ api: API.createVersion, body }],
    });
  }
  const { sent, before } = await log.group(`Create the first version of ${service.name} with ${image_url}`, () =>
    sendWhenFree(d, () => service.createVersion(body)),
  );
  log.info(`Version ${sent.version_name} accepted: run_id ${sent.runId}`);
  if (!config.watch)
    return report({ runId: sent.runId, version_name: sent.version_name, status: 'accepted', image_url, previous_version: '' });

  const { watched, failure } = await watchRelease(d, config.watch, { runId: sent.runId, before, created: sent.version_name });
  report({
    runId: sent.runId,
    version_name: watched.version_name || sent.version_name,
    status: watched.status,
    image_url: watched.image_url || image_url,
    previous_version: '',
    watched: { timeline: watched.timeline, outcome: watched.outcome },
    split: { before: [], after: watched.versions },
  });
  if (failure) throw failure;
}
