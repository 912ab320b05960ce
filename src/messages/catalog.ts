// The one catalog of what the action says, by language and area. The English texts name the keys
// and their parameters; each other language translates every one of them (src/messages/messages.ts
// types them so), with the same parameters (test/unit/messages.test.ts).
import { cleanup as enCleanup } from './en/cleanup.ts';
import { codes as enCodes } from './en/codes.ts';
import { inputs as enInputs } from './en/inputs.ts';
import { platforms as enPlatforms } from './en/platforms.ts';
import { release as enRelease } from './en/release.ts';
import { results as enResults } from './en/results.ts';
import { run as enRun } from './en/run.ts';
import type { Language } from './messages.ts';
import { cleanup as zhCleanup } from './zh-CN/cleanup.ts';
import { codes as zhCodes } from './zh-CN/codes.ts';
import { inputs as zhInputs } from './zh-CN/inputs.ts';
import { platforms as zhPlatforms } from './zh-CN/platforms.ts';
import { release as zhRelease } from './zh-CN/release.ts';
import { results as zhResults } from './zh-CN/results.ts';
import { run as zhRun } from './zh-CN/run.ts';

/** The areas, each a file per language: what a run says, inputs, platforms and their codes, releases, cleanups, results. */
export const AREAS = {
  en: { run: enRun, inputs: enInputs, platforms: enPlatforms, codes: enCodes, release: enRelease, cleanup: enCleanup, results: enResults },
  'zh-CN': {
    run: zhRun,
    inputs: zhInputs,
    platforms: zhPlatforms,
    codes: zhCodes,
    release: zhRelease,
    cleanup: zhCleanup,
    results: zhResults,
  },
} as const;

const en = { ...enRun, ...enInputs, ...enPlatforms, ...enCodes, ...enRelease, ...enCleanup, ...enResults };
export type English = typeof en;
export type MessageKey = keyof English;

export const CATALOG: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = {
  en,
  'zh-CN': { ...zhRun, ...zhInputs, ...zhPlatforms, ...zhCodes, ...zhRelease, ...zhCleanup, ...zhResults },
};
