import { errorMessage } from './errors.ts';
import type { Config } from './inputs/config.ts';
import { renderPostStep } from './result/render.ts';
import { clearState } from './step-state.ts';
import { TrafficGuard } from './traffic/guard.ts';
import { formatSplit, sameSplit, splitOf } from './traffic/split.ts';
import { readJournal, type TrafficJournal } from './traffic/journal.ts';
import * as log from './log.ts';
import { t } from './messages/messages.ts';

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
  let outcome = t('post.no_record');
  let failure: Error | undefined;
  try {
    if (journal) outcome = await log.group(t('post.group'), () => finishTraffic(config, journal));
  } catch (err) {
    failure = err instanceof Error ? err : new Error(errorMessage(err));
    outcome = t('post.not_put_back');
  }
  if (deploymentId) await finishDeployment(config, deploymentId, outcome);
  renderPostStep(outcome);
  if (failure) throw failure;
}

/** Looks at the split the service holds now and leaves it in one someone chose; returns what it found or did. */
async function finishTraffic(config: Config, journal: TrafficJournal): Promise<string> {
  const { connectWechat } = await import('./wechat/connect.ts');
  const { CloudService } = await import('./wechat/service.ts');
  if (config.operation === 'clean-containers') return t('post.nothing');
  const client = await connectWechat(config.target, config.network, false);
  const service = new CloudService(client, journal.env_id, journal.service_name);
  const versions = await service.versions();
  const found = splitOf(versions);
  const said = (text: string) => (log.info(text), clearState('release'), text);
  const [name, split] = [service.name, formatSplit(found)];
  if (sameSplit(found, journal.origin)) return said(t('post.split_origin', { service: name, split }));
  if (sameSplit(found, journal.promised)) return said(t('post.split_promised', { service: name, split }));
  if (!journal.sent.some((sent) => sameSplit(sent, found))) {
    log.warning(t('post.moved_warning', { service: name, split }));
    clearState('release');
    return t('post.moved', { split });
  }
  // A step of a canary the main step could not finish nor put back: back to the split from before.
  const guard = new TrafficGuard(service, versions);
  await guard.restore(journal.origin, t('release.when.post_step'));
  return said(t('post.put_back', { service: name, split: formatSplit(journal.origin) }));
}

async function finishDeployment(config: Config, deploymentId: number, outcome: string): Promise<void> {
  const { GithubRecorder } = await import('./github/recorder.ts');
  const github = new GithubRecorder(config.github, config.network);
  github.resume(deploymentId);
  await github.finishDeployment(false, t('post.deployment_description', { outcome }));
  clearState('deployment');
}
