import * as core from '@actions/core';
import { ActionError } from '../errors.ts';
import type { DeployConfig } from '../inputs/deploy.ts';
import { formatSeconds, markdownTable, setOutputs, writeSummary } from '../report.ts';
import { HttpError } from '../http/request.ts';
import { UnreadableAnswerError, WechatApiError, type WechatClient } from '../wechat/client.ts';
import { isAlreadyExists, isNotFound } from '../wechat/conditions.ts';
import { connectWechat } from '../wechat/connect.ts';

const ROLLOUT_API = 'rollupdatecloudbaserunserverversion';
const CREATE_API = 'establishcloudbaserunserver';

/** Ships config.image as a rolling update of the service, creating the service first if asked. */
export async function deploy(config: DeployConfig): Promise<void> {
  const started = Date.now();
  const { env_id, service_name } = config.target;
  const client = await connectWechat(config.target, config.network);

  const serviceCreated = config.createService ? await ensureService(client, config) : false;

  const body = {
    env_id,
    server_name: service_name,
    upload_type: 'image',
    image_info: config.image,
    ...config.rollout,
  };
  let runId = '';
  if (config.dryRun) {
    core.info(`Dry run: would POST componenttcb/${ROLLOUT_API} with:\n${JSON.stringify(body, null, 2)}`);
  } else {
    runId = await core.group(`Rolling update of ${service_name} to ${config.image.image_url}`, () => rollout(client, body));
    core.info(`Rolling update accepted: run_id ${runId}`);
  }

  const versionName = String(config.rollout.version_name);
  setOutputs({ run_id: runId, version_name: versionName, service_created: serviceCreated });
  await writeSummary(
    `## ${config.dryRun ? 'Deploy (dry run)' : 'Deploy'}: ${service_name}\n\n` +
      markdownTable(
        ['Service', 'Environment', 'Image', 'Version', 'Run ID', 'Service created', 'Duration'],
        [[service_name, env_id, config.image.image_url, versionName, runId || '(dry run)', serviceCreated ? 'yes' : 'no', formatSeconds(Date.now() - started)]],
      ) +
      (config.dryRun ? `\nRequest that would be sent to \`componenttcb/${ROLLOUT_API}\`:\n\n\`\`\`json\n${JSON.stringify(body, null, 2)}\n\`\`\`\n` : ''),
  );
}

async function rollout(client: WechatClient, body: Record<string, unknown>): Promise<string> {
  try {
    const answer = await client.call(ROLLOUT_API, body, 'once');
    if (typeof answer.run_id !== 'string' || !answer.run_id) {
      throw new ActionError(`${ROLLOUT_API} answered without a run_id (result: ${JSON.stringify(answer.result ?? null)})`,
        'check the release in the Cloud Hosting console before re-running');
    }
    return answer.run_id;
  } catch (err) {
    if (err instanceof WechatApiError && isNotFound(err)) {
      throw new ActionError(err.message, `the service "${String(body.server_name)}" may not exist in environment ${String(body.env_id)}: set create_service: true to create it`);
    }
    if ((err instanceof HttpError && err.mayHaveReachedServer) || err instanceof UnreadableAnswerError) {
      // Not retried: a second rolling update could stack a release on the first.
      const hint = 'the release may have started: check the service in the Cloud Hosting console before re-running';
      throw new ActionError(`${ROLLOUT_API}: the outcome is unknown (${(err as Error).message})`,
        err instanceof HttpError && err.hint ? `${hint}. Network: ${err.hint}` : hint);
    }
    throw err;
  }
}

/** Looks the service up and creates it when missing. Returns whether it was created. */
async function ensureService(client: WechatClient, config: DeployConfig): Promise<boolean> {
  const { env_id, service_name } = config.target;
  return core.group(`Make sure service ${service_name} exists`, async () => {
    if (await serviceExists(client, env_id, service_name)) {
      core.info(`Service ${service_name} exists.`);
      return false;
    }
    const body = { env_id, service_name, ...config.service };
    if (config.dryRun) {
      core.info(`Dry run: service ${service_name} does not exist; would POST componenttcb/${CREATE_API} with:\n${JSON.stringify(body, null, 2)}`);
      return false;
    }
    try {
      await client.call(CREATE_API, body, 'idempotent');
    } catch (err) {
      // A retried create may find the service its first attempt made.
      if (err instanceof WechatApiError && isAlreadyExists(err)) {
        core.info(`Service ${service_name} already exists.`);
        return false;
      }
      throw err;
    }
    core.info(`Created service ${service_name}.`);
    return true;
  });
}

async function serviceExists(client: WechatClient, env: string, service_name: string): Promise<boolean> {
  try {
    await client.call('getcsversionlist', { env, service_name, limit: 1, offset: 0 }, 'read');
    return true;
  } catch (err) {
    if (err instanceof WechatApiError && isNotFound(err)) return false;
    throw err;
  }
}
