import { ActionError, errorMessage } from '../../errors.ts';
import { matchesAny, parseGlob } from '../../glob.ts';
import { describeServicePattern, isGlob, type ServicePattern } from '../../inputs/service-pattern.ts';
import type { WechatClient } from '../../wechat/client.ts';
import { listServices } from '../../wechat/service-list.ts';
import * as log from '../../log.ts';
import { t } from '../../messages/messages.ts';

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
  return log.group(t('prune.list_services', { env }), async () => {
    let listed;
    try {
      listed = await listServices(client, env, concurrency);
    } catch (err) {
      throw new ActionError(
        t('prune.cannot_list_services', { env, error: err instanceof Error ? err.message : errorMessage(err) }),
        err instanceof ActionError ? err.hint : undefined,
        { cause: err },
      );
    }
    // Never matched: a name in another shape could not be used in a request or shown safely.
    if (listed.unreadable.length)
      log.warning(t('prune.services_unreadable', { count: listed.unreadable.length, names: listed.unreadable.join(', ') }));
    const choice = chooseServices(listed.names, pattern);
    const selects = { pattern: described, selected: choice.names.length, total: listed.names.length, names: choice.names.join(', ') };
    log.info(choice.names.length ? t('prune.pattern_selects', selects) : t('prune.pattern_selects_none', selects));
    if (choice.excluded.length) log.info(t('prune.excluded', { names: choice.excluded.join(', ') }));
    if (!choice.names.length && !choice.missing.length) {
      const shown = listed.names.toSorted().slice(0, 20).join(', ');
      const none = { pattern: described, total: listed.names.length, env, names: `${shown}${listed.names.length > 20 ? ', …' : ''}` };
      throw new ActionError(shown ? t('prune.selects_none_listed', none) : t('prune.selects_none', none), t('prune.check_service.hint'));
    }
    return choice;
  });
}
