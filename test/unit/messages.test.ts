import { describe, expect, it } from 'vitest';
import { runInScope } from '../../src/job-scope.ts';
import { AREAS, CATALOG } from '../../src/messages/catalog.ts';
import { LANGUAGES, parseLanguage, PLACEHOLDER, t, textIn, useLanguage, type Language } from '../../src/messages/messages.ts';
import { RecordingHost } from '../support/recording-host.ts';
import { inputProblems } from './read-config.ts';

// The catalog (src/messages/): every message in every language, with the same placeholders, and
// the lookup that reads the job's language.

const english = CATALOG.en;
const keys = Object.keys(english) as (keyof typeof english)[];
const placeholders = (text: string) => [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))].sort();

/** Runs fn as a job of its own: the language a test sets stays in it. */
const inJob = <T>(fn: () => T) => runInScope({ env: {}, host: new RecordingHost() }, async () => fn());

describe('the catalog', () => {
  it.each(LANGUAGES)('%s has every message, each with the English placeholders', (language) => {
    const texts = CATALOG[language];
    expect(Object.keys(texts).sort()).toEqual([...keys].sort());
    const differing = keys.filter((key) => placeholders(texts[key]).join() !== placeholders(english[key]).join());
    expect(differing.map((key) => [key, english[key], texts[key]])).toEqual([]);
  });

  it.each(LANGUAGES)('%s has no brace outside a placeholder, nor an empty text', (language) => {
    const texts = Object.entries(CATALOG[language]);
    expect(texts.filter(([, text]) => /[{}]/.test(text.replace(PLACEHOLDER, ''))).map(([key]) => key)).toEqual([]);
    expect(texts.filter(([, text]) => !text.trim()).map(([key]) => key)).toEqual([]);
  });

  it('puts each key in one area only, the same in every language', () => {
    for (const language of LANGUAGES) {
      const areas = Object.values(AREAS[language]).map((area) => Object.keys(area));
      expect(areas.flat()).toHaveLength(keys.length);
    }
    expect(Object.keys(AREAS['zh-CN'])).toEqual(Object.keys(AREAS.en));
  });

  it('says every message in Chinese, but names, codes and syntax that stay as they are', () => {
    const same = keys.filter((key) => CATALOG['zh-CN'][key] === english[key]);
    expect(same).toEqual(['release.check.health_url', 'summary.col.run_id']);
  });
});

describe('t', () => {
  it('fills in the parameters, and the plural by the count', () => {
    const listed = (language: Language, count: number) => textIn(language, 'clean.listed', { count, selected: 0 });
    expect([listed('en', 1), listed('en', 2)]).toEqual([
      'Listed 1 container; the filter selects 0.',
      'Listed 2 containers; the filter selects 0.',
    ]);
    expect([listed('zh-CN', 1), listed('zh-CN', 2)]).toEqual([
      '列出了 1 个容器；筛选条件选中 0 个。',
      '列出了 2 个容器；筛选条件选中 0 个。',
    ]);
    expect(textIn('en', 'clean.remaining', { count: 1 })).toBe('1 selected container remains (checked by a final listing):');
    expect(textIn('en', 'clean.remaining', { count: 2 })).toBe('2 selected containers remain (checked by a final listing):');
  });

  it('speaks the language of the job running now, each job its own', async () => {
    const job = (language: Language) =>
      inJob(async () => {
        useLanguage(language);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return t('run.cancelled', { signal: 'SIGINT' });
      });
    expect(await Promise.all([job('zh-CN'), job('en')])).toEqual(['已取消（SIGINT）', 'Cancelled (SIGINT)']);
  });
});

describe('the language input', () => {
  it.each([
    ['en', 'en'],
    ['zh-CN', 'zh-CN'],
    ['zh_CN', 'zh-CN'],
    [' zh-cn ', 'zh-CN'],
  ])('reads %j as %s', (raw, language) => expect(parseLanguage(raw)).toBe(language));

  it('refuses any other, naming the input', async () => {
    expect(await inJob(() => inputProblems({ operation: 'rollback', language: 'fr' }))).toContain(
      '`language`: expected one of en, zh-CN, got "fr"',
    );
  });

  it('is read first: every input problem is said in its language', async () => {
    const problems = await inJob(() => inputProblems({ operation: 'deploy', language: 'zh-CN', image: 'shop:v1' }));
    expect(problems).toEqual([
      '`env_id`：deploy 操作必须提供',
      '`access_token`：必填：请提供 access_token，或 component_appid + component_appsecret + component_verify_ticket',
      '`service_name`：deploy 操作必须提供',
      '`image`："shop:v1" 没有镜像仓库地址；请给出完整的镜像地址，例如 ccr.ccs.tencentyun.com/ns/repo:tag',
    ]);
  });
});
