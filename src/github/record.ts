import type { Config } from '../inputs/config.ts';
import type { Outputs } from '../result/outputs.ts';
import { commentBody, deploymentDescription } from '../result/github.ts';
import type { FinishedRun } from '../result/result.ts';
import type { GithubRecorder } from './recorder.ts';
import { clearState, saveState } from '../step-state.ts';
import * as log from '../log.ts';
import { t } from '../messages/messages.ts';

export interface GithubRecord {
  /** Records how the run ended (the Deployment's status, the comment); returns the outputs it earned. */
  finish(run: FinishedRun, summary: string): Promise<Outputs>;
}

/**
 * The run, recorded in GitHub: a Deployment around a release, the plan as a sticky pull-request
 * comment. Started before the operation, so the Deployment shows in progress while it runs.
 */
export async function startGithubRecord(config: Config): Promise<GithubRecord> {
  // Loaded only here, so runs without these features do not pay for the GitHub client.
  const { GithubRecorder } = await import('./recorder.ts');
  const github: GithubRecorder = new GithubRecorder(config.github, config.network);
  const release = isRelease(config) && config.github.deployment !== undefined ? config : undefined;
  // A dry run changes nothing, so it records no Deployment: one marked "Rolled out" (and, with
  // deactivate_previous, the environment's earlier ones made inactive) would say otherwise.
  if (release?.dryRun) log.info(t('github.dry_run_no_deployment'));
  const deploymentId =
    release && !release.dryRun
      ? await github.startDeployment(describeRelease(release), {
          env_id: release.target.env_id,
          service_name: release.target.service_name,
          ...(release.operation === 'deploy' ? { image: release.image.image_url } : {}),
        })
      : undefined;
  // Until it has a final status, the post step finishes it if this step cannot.
  if (deploymentId !== undefined) saveState('deployment', String(deploymentId));
  return {
    async finish(run, summary) {
      const outputs: Record<string, string | number> = {};
      if (deploymentId !== undefined) {
        await github.finishDeployment(run.failure === undefined, deploymentDescription(run));
        clearState('deployment');
        outputs.deployment_id = deploymentId;
      }
      if (config.github.prComment) {
        const url = await github.upsertComment(planMarker(config), commentBody(summary));
        if (url) outputs.comment_url = url;
      }
      return outputs;
    },
  };
}

type Release = Extract<Config, { operation: 'deploy' | 'rollback' | 'set-traffic' }>;

/** The operations that change what a service serves, recorded as GitHub Deployments. */
function isRelease(config: Config): config is Release {
  return config.operation === 'deploy' || config.operation === 'rollback' || config.operation === 'set-traffic';
}

function describeRelease(config: Release): string {
  switch (config.operation) {
    case 'deploy':
      return t('github.describe_deploy', { image: config.image.image_url, service: config.target.service_name });
    case 'rollback':
      return config.rollbackTo
        ? t('github.describe_rollback_to', { service: config.target.service_name, version: config.rollbackTo })
        : t('github.describe_rollback', { service: config.target.service_name });
    default:
      return t('github.describe_set_traffic', { service: config.target.service_name });
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
