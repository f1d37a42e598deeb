/**
 * What makes an order jump the queue. Words are matched as substrings of lower-cased,
 * diacritics-folded text (see `priority-of.ts` for why).
 */
export interface PriorityRules {
  /** A mention of any of these in the note or an option makes the order `critical`. */
  readonly urgentWords: readonly string[];
  /** Orders whose total is above this many minor units (cents) are `high`. */
  readonly highTotalMinor: number;
  /**
   * Ordinary words that happen to contain an urgent word ("minutes" contains "nut"); they are
   * blanked out before matching so "in 20 minutes" stays a normal order.
   */
  readonly falseFriends?: readonly string[];
}

/** Allergy and hurry words in German and English, the two languages guests write notes in. */
export const defaultUrgentWords: readonly string[] = [
  'allergie',
  'allergy',
  'allergic',
  'allergisch',
  'nuss',
  'nut',
  'peanut',
  'erdnuss',
  'gluten',
  'zöliakie',
  'celiac',
  'coeliac',
  'laktose',
  'lactose',
  'urgent',
  'dringend',
  'sofort',
  'asap',
];

/** Words known to contain an urgent word without meaning it. */
export const defaultFalseFriends: readonly string[] = ['minute', 'minuten', 'nutz'];

/** The rules used when the configuration names none: €100 makes an order `high`. */
export const defaultPriorityRules: PriorityRules = {
  urgentWords: defaultUrgentWords,
  highTotalMinor: 10_000,
  falseFriends: defaultFalseFriends,
};
