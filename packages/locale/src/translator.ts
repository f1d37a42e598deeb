import { IntlMessageFormat } from 'intl-messageformat';
import type { MessageKey } from './catalogs/en.ts';
import { catalogs } from './catalogs/index.ts';
import { localeChain } from './locale-chain.ts';

/** A message as intl-messageformat parsed it: literals, arguments, plurals and selects. */
export type ParsedMessage = ReturnType<IntlMessageFormat['getAst']>;

/** Values a message may name: `{count}` in a plural, `{printer}` in an alert. */
export type MessageValues = Readonly<Record<string, string | number>>;

/** Everything a person reads, in one locale. */
export interface Translator {
  /** The BCP 47 locale, for `Intl` formats and the page's `lang`. */
  readonly locale: string;
  /** The message for `key` with its values filled in, plurals chosen by the locale's rules. */
  say(key: MessageKey, values?: MessageValues): string;
  /** The parsed message, for a browser that formats it itself (the dashboard). */
  parsed(key: MessageKey): ParsedMessage;
}

/** The message text for a key in a locale, walking `de-AT` → `de` → `en`. */
export function messageFor(locale: string, key: MessageKey): string {
  for (const tag of localeChain(locale)) {
    const message = catalogs[tag]?.[key];
    if (message !== undefined) return message;
  }
  // The English catalog defines the keys, so the walk always ends with a message.
  throw new RangeError(`no message "${key}"`);
}

const translators = new Map<string, Translator>();

/**
 * One translator per locale, its messages compiled on first use: ICU MessageFormat through
 * intl-messageformat, so plurals follow each language's rules instead of `(s)` glued on.
 */
export function translatorFor(locale: string): Translator {
  const known = translators.get(locale);
  if (known) return known;
  const compiled = new Map<MessageKey, IntlMessageFormat>();
  const format = (key: MessageKey) => {
    let message = compiled.get(key);
    if (!message) {
      message = new IntlMessageFormat(messageFor(locale, key), locale);
      compiled.set(key, message);
    }
    return message;
  };
  const translator: Translator = {
    locale,
    say: (key, values) => String(format(key).format(values)),
    parsed: (key) => format(key).getAst(),
  };
  translators.set(locale, translator);
  return translator;
}
