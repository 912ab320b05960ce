import { jobLocal } from '../job-scope.ts';
import { CATALOG, type English, type MessageKey } from './catalog.ts';

// Every sentence the action says to a person comes from one catalog (src/messages/catalog.ts), in
// the language the job chose (the `language` input). A message is a text with placeholders:
// `{name}` is a parameter's value, and `{name|one|other}` is the word for the count `name`: `one`
// when it is 1, `other` otherwise (English needs it; Chinese has no plural forms). The compiler
// checks that each lookup gives exactly the parameters its English text names.

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language's messages, typed by the English ones: a missing or extra key does not compile. */
export type Translation<T> = { readonly [K in keyof T]: string };

/** The parameter names of a message text. */
type Names<S> = S extends `${string}{${infer P}}${infer Rest}` ? (P extends `${infer N}|${string}` ? N : P) | Names<Rest> : never;
type Params<K extends MessageKey> = Readonly<Record<Names<English[K]>, string | number>>;
/** The keys of the messages without parameters. */
export type PlainKey = { [K in MessageKey]: [Names<English[K]>] extends [never] ? K : never }[MessageKey];
/** No argument for a message without parameters, exactly its parameters otherwise. */
type ParamsArg<K extends MessageKey> = [Names<English[K]>] extends [never] ? [] : [params: Params<K>];

const chosen = jobLocal((): { language: Language } => ({ language: 'en' }));

/** Sets the language of the job running now (src/inputs/config.ts reads it first of all inputs). */
export function useLanguage(language: Language): void {
  chosen.get().language = language;
}

export function jobLanguage(): Language {
  return chosen.get().language;
}

/** The message in the job's language. */
export function t<K extends MessageKey>(key: K, ...params: ParamsArg<K>): string {
  return format(CATALOG[jobLanguage()][key], params);
}

/** The message in a given language, whatever the job speaks. */
export function textIn<K extends MessageKey>(language: Language, key: K, ...params: ParamsArg<K>): string {
  return format(CATALOG[language][key], params);
}

/** `{name}` and `{name|one|other}`, and nothing else between braces: test/unit/messages.test.ts checks every text. */
export const PLACEHOLDER = /\{(\w+)(?:\|([^{}|]*)\|([^{}|]*))?\}/g;

function format(text: string, [params = {}]: readonly Readonly<Record<string, string | number>>[]): string {
  return text.replace(PLACEHOLDER, (_, name: string, one: string | undefined, other: string) =>
    one === undefined ? String(params[name]) : params[name] === 1 ? one : other,
  );
}

/** The language input: en or zh-CN (zh_CN and any case are read the same). */
export function parseLanguage(raw: string): Language {
  const language = LANGUAGES.find((l) => l.toLowerCase() === raw.trim().toLowerCase().replace('_', '-'));
  if (!language) throw new Error(t('input.expected_one_of', { values: LANGUAGES.join(', '), got: raw }));
  return language;
}
