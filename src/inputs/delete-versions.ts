import { parseBoolean, parseDuration, parseInteger, parseList } from './parsers.ts';
import type { InputReader } from './reader.ts';
import type { NetworkSettings } from '../http/settings.ts';
import { readNetwork } from './network.ts';
import type { WechatTarget } from '../wechat/settings.ts';
import { describeServicePattern, parseServicePattern, type ServicePattern } from './service-pattern.ts';
import { readWechatEnv } from './wechat.ts';
import { t } from '../messages/messages.ts';

/** The rules that select versions; a version is deleted only if every given rule selects it. */
export interface VersionSelection {
  /** Explicit names (`versions`). */
  readonly names?: readonly string[];
  readonly keepLatest?: number;
  readonly olderThanMs?: number;
  /** `version_pattern` globs: only matching names are selected. */
  readonly patterns?: readonly string[];
  /** `exclude_pattern` globs: matching names are never deleted. */
  readonly excludes: readonly string[];
}

export interface DeleteVersionsConfig {
  readonly operation: 'delete-versions';
  /** service_name: the one service, or the pattern as one line ("shop-*, !shop-legacy"). */
  readonly target: WechatTarget;
  /** The services service_name selects from the environment's list; undefined when it names one service. */
  readonly servicePattern: ServicePattern | undefined;
  readonly network: NetworkSettings;
  readonly dryRun: boolean;
  readonly selection: VersionSelection;
  readonly deleteService: boolean;
  readonly deleteImage: boolean;
  readonly concurrency: number;
}

const MAX_KEEP_LATEST = 1000;

export function readDeleteVersionsConfig(r: InputReader): DeleteVersionsConfig {
  const network = readNetwork(r);
  const where = readWechatEnv(r, 'delete-versions', network.allowInsecureHttp);
  const servicePattern = r.required('service_name', 'delete-versions') ? r.parse('service_name', parseServicePattern) : undefined;
  const target = { ...where, service_name: servicePattern ? describeServicePattern(servicePattern) : r.text('service_name') };
  const names = r.parse('versions', nonEmptyList);
  for (const name of names ?? []) {
    if (/[*?]/.test(name)) r.problem('versions', t('input.versions_glob', { name }));
  }
  // Names are one service's; with a pattern, each other service would fail on them.
  if (servicePattern && names) r.problem('versions', t('input.versions_with_pattern'));
  const keepLatest = r.parse('keep_latest', (v) => parseInteger(v, 1, MAX_KEEP_LATEST));
  const olderThanMs = r.parse('older_than', parseDuration);
  if (olderThanMs === 0) r.problem('older_than', t('input.longer_than_zero'));
  const patterns = r.parse('version_pattern', nonEmptyList);
  const excludes = r.parse('exclude_pattern', nonEmptyList) ?? [];
  if (!r.has('versions') && !r.has('keep_latest') && !r.has('older_than') && !r.has('version_pattern')) {
    r.problem('versions', r.has('exclude_pattern') ? t('input.versions_exclude_only') : t('input.versions_what'));
  }

  const deleteService = r.value('delete_service', parseBoolean);
  const deleteImage = r.value('delete_image', parseBoolean);
  if (deleteImage && !deleteService) {
    r.problem('delete_image', t('input.delete_image_alone'));
  }
  // Every matching service gone with its last version is too much to do at once by accident.
  const notWithPattern = t('input.delete_with_pattern');
  if (servicePattern && deleteService) r.problem('delete_service', notWithPattern);
  if (servicePattern && deleteImage) r.problem('delete_image', notWithPattern);

  return r.finish({
    operation: 'delete-versions',
    target,
    servicePattern,
    network,
    dryRun: r.value('dry_run', parseBoolean),
    selection: { names, keepLatest, olderThanMs, patterns, excludes },
    deleteService,
    deleteImage,
    concurrency: r.value('concurrency', (v) => parseInteger(v, 1, 16)),
  });
}

function nonEmptyList(raw: string): string[] {
  const items = parseList(raw);
  if (!items.length) throw new Error(t('input.no_names'));
  return items;
}
