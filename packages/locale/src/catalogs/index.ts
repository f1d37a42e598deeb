import { de } from './de.ts';
import { type Catalog, en } from './en.ts';

/**
 * Every catalog bonrelay ships, by BCP 47 tag. A language (`de`) must be complete; a regional one
 * (`de-AT`) may hold only the words that differ, the rest comes from its language.
 */
export const catalogs: Readonly<Record<string, Partial<Catalog>>> = { de, en };

/** The language every lookup ends at, so a text is never missing. */
export const fallbackLanguage = 'en';
