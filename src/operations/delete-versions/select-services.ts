import { ActionError, errorMessage } from '../../errors.ts';
import { matchesAny, parseGlob } from '../../glob.ts';
import { describeServicePattern, isGlob, type ServicePattern } from '../../inputs/service-pattern.ts';
import { count } from '../../result/markdown.ts';
import type { WechatClient } from '../../wechat/client.ts';
import { listServices } from '../../wechat/service-list.ts';
import * as log from '../../log.ts';

export interface ServiceChoice {
  /** The listed services the pattern selects, by name. */
  readonly names: readonly string[];
  /** The listed services an exclusion kept out. */
  readonly excluded: readonly string[];
  /** Plain names in the pattern that the environment does not list: each fails the step, as one named service does. */
  readonly missing: readonly string[];
}

/** Which of the listed services a pattern selects. Pure. */
export function chooseServices(listed: readonly string[], pattern: ServicePattern): ServiceChoice {
  const include = pattern.include.map(parseGlob);
  const exclude = pattern.exclude.map(parseGlob);
  const matching = listed.filter((name) => matchesAny(include, name)).toSorted();
  const known = new Set(listed);
  return {
    names: matching.filter((name) => !matchesAny(exclude, name)),
    excluded: matching.filter((name) => matchesAny(exclude, name)),
    missing: pattern.include.filter((item) => !isGlob(item) && !known.has(item) && !matchesAny(exclude, item)),
  };
}

/**
 * The services of the environment the pattern selects, from its whole list (getcslist, every
 * page). A pattern that selects nothing fails the step before anything is deleted: it is more
 * likely a mistake in service_name or env_id than an environment with nothing to prune.
 */
export function selectServices(client: WechatClient, env: string, pattern: ServicePattern, concurrency: number): Promise<ServiceChoice> {
  const described = describeServicePattern(pattern);
  return log.group(`List the services of ${env}`, async () => {
    let listed;
    try {
      listed = await listServices(client, env, concurrency);
    } catch (err) {
      throw new ActionError(
        `Cannot list the services of environment ${env}, so nothing was deleted: ${err instanceof Error ? err.message : errorMessage(err)}`,
        err instanceof ActionError ? err.hint : undefined,
        { cause: err },
      );
    }
    // Never matched: a name in another shape could not be used in a request or shown safely.
    if (listed.unreadable.length)
      log.warning(
        `Left alone: ${count(listed.unreadable.length, 'service')} named in another shape than WeChat's, ${listed.unreadable.join(', ')}.`,
      );
    const choice = chooseServices(listed.names, pattern);
    log.info(
      `${described} selects ${choice.names.length} of ${count(listed.names.length, 'service')}${choice.names.length ? `: ${choice.names.join(', ')}` : ''}.`,
    );
    if (choice.excluded.length) log.info(`Excluded: ${choice.excluded.join(', ')}.`);
    if (!choice.names.length && !choice.missing.length) {
      const shown = listed.names.toSorted().slice(0, 20).join(', ');
      throw new ActionError(
        `service_name "${described}" selects none of the ${count(listed.names.length, 'service')} of environment ${env}` +
          (shown ? `: ${shown}${listed.names.length > 20 ? ', …' : ''}` : ''),
        'check service_name and env_id',
      );
    }
    return choice;
  });
}
