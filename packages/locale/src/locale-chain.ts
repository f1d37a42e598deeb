import { catalogs, fallbackLanguage } from './catalogs/index.ts';

/**
 * The catalogs asked for a locale, most specific first: `de-AT` → `de-AT`, `de`, `en`. The tag is
 * canonicalised first (`DE-at` is `de-AT`), and only catalogs that exist are named.
 */
export function localeChain(locale: string): readonly string[] {
  const chain: string[] = [];
  const subtags = canonical(locale)?.split('-') ?? [];
  for (let length = subtags.length; length > 0; length -= 1) {
    const tag = subtags.slice(0, length).join('-');
    if (catalogs[tag] && !chain.includes(tag)) chain.push(tag);
  }
  if (!chain.includes(fallbackLanguage)) chain.push(fallbackLanguage);
  return chain;
}

function canonical(locale: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(locale)[0];
  } catch {
    return undefined;
  }
}

/** The languages a restaurant can choose, for config messages. */
export function spokenLanguages(): readonly string[] {
  return Object.keys(catalogs).filter((tag) => !tag.includes('-'));
}

/**
 * Why a configured locale cannot be used, or `undefined` when it can: it must be a well-formed
 * BCP 47 tag whose language bonrelay has a catalog for (a typo like `de_DE` or `ge-DE` must stop
 * the start, not print English tickets in a German kitchen).
 */
export function localeProblem(locale: string): string | undefined {
  const tag = canonical(locale);
  if (!tag) return `"${locale}" is not a BCP 47 locale such as de-DE or en-GB`;
  const language = tag.split('-')[0] ?? '';
  if (!spokenLanguages().includes(language)) {
    return `bonrelay has no texts in "${language}"; choose one of ${spokenLanguages().join(', ')} (e.g. de-DE, en-GB)`;
  }
  return undefined;
}
