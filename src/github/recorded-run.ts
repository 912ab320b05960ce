import { errorMessage } from '../errors.ts';
import type { Config } from '../inputs/config.ts';
import type { GithubRecorder } from './recorder.ts';
import { setOutputs, summaryWritten } from '../report.ts';
import { readRunContext } from '../run-context.ts';
import * as log from '../log.ts';

/** The operation, recorded in GitHub: a Deployment around a deploy, the plan as a PR comment. */
export async function runRecorded(config: Config, runOperation: (config: Config) => Promise<void>): Promise<void> {
  // Loaded only here, so runs without these features do not pay for the GitHub client.
  const { GithubRecorder } = await import('./recorder.ts');
  await record(new GithubRecorder(config.github, config.network), config, runOperation);
}

async function record(github: GithubRecorder, config: Config, runOperation: (config: Config) => Promise<void>): Promise<void> {
  const releases = config.operation !== 'delete-versions' && config.operation !== 'clean-containers';
  // A dry run changes nothing, so it records no Deployment: one marked "Rolled out" (and, with
  // deactivate_previous, the environment's earlier ones made inactive) would say otherwise.
  if (releases && config.github.deployment && config.dryRun) log.info('Dry run: no GitHub Deployment is recorded.');
  const deploymentId =
    releases && config.github.deployment && !config.dryRun
      ? await github.startDeployment(describeRelease(config), {
          env_id: config.target.env_id,
          service_name: config.target.service_name,
          ...(config.operation === 'deploy' ? { image: config.image.image_url } : {}),
        })
      : undefined;
  let failure: Error | undefined;
  try {
    await runOperation(config);
  } catch (err) {
    failure = err instanceof Error ? err : new Error(errorMessage(err));
  }
  if (deploymentId !== undefined) {
    await github.finishDeployment(failure === undefined, failure === undefined ? 'Rolled out' : errorMessage(failure));
    setOutputs({ deployment_id: deploymentId });
  }
  if (config.github.prComment) {
    const url = await github.upsertComment(planMarker(config), planComment(config, failure));
    if (url) setOutputs({ comment_url: url });
  }
  if (failure !== undefined) throw failure;
}

function describeRelease(config: Config): string {
  switch (config.operation) {
    case 'deploy':
      return `Deploy ${config.image.image_url} to ${config.target.service_name}`;
    case 'rollback':
      return `Roll ${config.target.service_name} back${config.rollbackTo ? ` to ${config.rollbackTo}` : ''}`;
    case 'set-traffic':
      return `Set the traffic split of ${config.target.service_name}`;
    default:
      return config.operation;
  }
}

/** One comment per operation and target, so a workflow with several steps gets one each. */
function planMarker(config: Config): string {
  const target =
    config.operation === 'clean-containers'
      ? config.target.aiUrl || config.target.acUrl
      : `${config.target.env_id}/${config.target.service_name}`;
  return `<!-- cloudrun-release plan: ${config.operation} ${target} -->`;
}

function planComment(config: Config, failure: unknown): string {
  const context = readRunContext();
  const outcome = failure === undefined ? '' : `\n**This run failed:** ${errorMessage(failure).split('\n')[0]}\n`;
  const footer = context.runUrl ? `\n<sub>From [workflow run ${context.runNumber}](${context.runUrl}), updated on every run.</sub>\n` : '';
  return `${summaryWritten() || `## ${config.operation}\n\nNothing to report.\n`}${outcome}${footer}`;
}
