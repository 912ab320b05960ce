import { throwIfCancelled } from '../../cancel.ts';
import { ActionError, errorMessage } from '../../errors.ts';
import type { DeleteVersionsConfig } from '../../inputs/delete-versions.ts';
import type { DeleteVersionsResult } from '../../result/result.ts';
import { wechatRequestsSent } from '../../wechat/client.ts';
import { connectWechat } from '../../wechat/connect.ts';
import { CloudService } from '../../wechat/service.ts';
import { notAttempted, notPruned, pruneService } from './prune-service.ts';
import { selectServices, type ServiceChoice } from './select-services.ts';
import { t } from '../../messages/messages.ts';

export function begin(config: DeleteVersionsConfig): DeleteVersionsResult {
  return {
    operation: 'delete-versions',
    dryRun: config.dryRun,
    env_id: config.target.env_id,
    service_name: config.target.service_name,
    acrossServices: config.servicePattern !== undefined,
    services: [],
    wechatRequests: 0,
    wouldSend: [],
  };
}

/**
 * Prunes the named service, or every service of the environment the pattern selects. Services are
 * pruned one after another, each with up to `concurrency` requests at once: the run never has more
 * in flight, however many services it spans, and each service's deletes follow its own list read
 * at once. One failing service does not stop the others; the step fails at the end, naming each.
 */
export async function execute(config: DeleteVersionsConfig, result: DeleteVersionsResult): Promise<void> {
  try {
    const env = config.target.env_id;
    const client = await connectWechat(config.target, config.network, config.dryRun);
    const choice: ServiceChoice = config.servicePattern
      ? await selectServices(client, env, config.servicePattern, config.concurrency)
      : { names: [config.target.service_name], excluded: [], missing: [] };
    const failures: [string, ActionError][] = [];
    for (const name of [...choice.names, ...choice.missing].toSorted()) {
      const cancelled = notAttempted();
      if (cancelled) {
        result.services.push(notPruned(env, name, config, 'not-attempted', cancelled));
      } else if (choice.missing.includes(name)) {
        result.services.push(notPruned(env, name, config, 'not-in-environment', t('prune.not_in_env', { env })));
        failures.push([name, new ActionError(t('wechat.service_not_in_env', { service: name, env }), t('prune.check_service.hint'))]);
      } else {
        const failure = await pruneService(new CloudService(client, env, name), config, result);
        if (failure) failures.push([name, failure]);
      }
    }
    // A cancelled run fails as cancelled; the summary shows what it did and what it did not attempt.
    throwIfCancelled();
    if (failures.length)
      throw config.servicePattern ? servicesFailed(failures, choice.names.length + choice.missing.length) : failures[0][1];
  } finally {
    result.wechatRequests = wechatRequestsSent();
  }
}

function servicesFailed(failures: readonly [string, ActionError][], total: number): ActionError {
  const indent = (text: string) => text.replaceAll(/^/gm, '    ');
  return new ActionError(
    `${t('prune.services_failed', { failed: failures.length, total, names: failures.map(([name]) => name).join(', ') })}\n` +
      failures.map(([name, failure]) => `  ${name}:\n${indent(errorMessage(failure))}`).join('\n'),
    t('prune.services_failed.hint'),
  );
}
