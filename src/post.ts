import { errorMessage } from './errors.ts';
import type { Config } from './inputs/config.ts';
import { renderPostStep } from './result/render.ts';
import { clearState } from './step-state.ts';
import { formatSplit, sameSplit, splitOf, TrafficGuard } from './traffic/guard.ts';
import { readJournal, type TrafficJournal } from './traffic/journal.ts';
import * as log from './log.ts';

// The action's post step (action.yml `post:` with `post-if: always()`): the runner runs it after the
// main step however that ended, a cancel or a job timeout included. The main step leaves state only
// while it has something unfinished (src/step-state.ts); with none, this step does nothing. With
// some, it finishes it: a canary the main step could not put back goes back to the split from
// before, unless someone else has moved the traffic since; a GitHub Deployment left in progress gets
// its final status.

/** The state the main step left, or undefined when it finished everything it started. */
export function leftByMainStep(env: NodeJS.ProcessEnv): { journal?: TrafficJournal; deploymentId?: number } | undefined {
  const journal = readJournal(env.STATE_release);
  const deploymentId = Number(env.STATE_deployment) || undefined;
  return journal || deploymentId ? { journal, deploymentId } : undefined;
}

export async function finishMainStep(config: Config, { journal, deploymentId }: { journal?: TrafficJournal; deploymentId?: number }) {
  let outcome = 'the main step ended before recording how the release went';
  let failure: Error | undefined;
  try {
    if (journal) outcome = await log.group('Finish what the main step could not', () => finishTraffic(config, journal));
  } catch (err) {
    failure = err instanceof Error ? err : new Error(errorMessage(err));
    outcome = 'the traffic could not be put back';
  }
  if (deploymentId) await finishDeployment(config, deploymentId, outcome);
  renderPostStep(outcome);
  if (failure) throw failure;
}

/** Looks at the split the service holds now and leaves it in one someone chose; returns what it found or did. */
async function finishTraffic(config: Config, journal: TrafficJournal): Promise<string> {
  const { connectWechat } = await import('./wechat/connect.ts');
  const { CloudService } = await import('./wechat/service.ts');
  if (config.operation === 'clean-containers') return 'nothing to finish';
  const client = await connectWechat(config.target, config.network, false);
  const service = new CloudService(client, journal.env_id, journal.service_name);
  const versions = await service.versions();
  const found = splitOf(versions);
  const said = (text: string) => (log.info(text), clearState('release'), text);
  if (sameSplit(found, journal.origin))
    return said(`The traffic split of ${service.name} is the one from before the release: ${formatSplit(found)}.`);
  if (sameSplit(found, journal.promised))
    return said(`The traffic split of ${service.name} is the one the release set out to leave: ${formatSplit(found)}.`);
  if (!journal.sent.some((split) => sameSplit(split, found))) {
    log.warning(
      `The traffic split of ${service.name} is none the release set (found ${formatSplit(found)}): someone else moved it, so it is left as it is.`,
    );
    clearState('release');
    return `someone else moved the traffic (${formatSplit(found)}); left as it is`;
  }
  // A step of a canary the main step could not finish nor put back: back to the split from before.
  const guard = new TrafficGuard(service, versions);
  await guard.restore(journal.origin, 'in the post step');
  return said(`Put the traffic of ${service.name} back on the split from before the release: ${formatSplit(journal.origin)}.`);
}

async function finishDeployment(config: Config, deploymentId: number, outcome: string): Promise<void> {
  const { GithubRecorder } = await import('./github/recorder.ts');
  const github = new GithubRecorder(config.github, config.network);
  github.resume(deploymentId);
  await github.finishDeployment(false, `The main step did not finish: ${outcome}`);
  clearState('deployment');
}
