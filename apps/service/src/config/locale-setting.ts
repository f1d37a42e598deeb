import { localeProblem } from '@bonrelay/locale';
import { z } from 'zod';

/** A BCP 47 locale bonrelay has texts for; a typo stops the start instead of printing English. */
export const localeSetting = z.string().superRefine((locale, context) => {
  const problem = localeProblem(locale);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});

/** The parts of bonrelay a person reads, each of which may speak its own language. */
export const localisedSections = ['tickets', 'dashboard', 'alerts'] as const;

type Sections = { readonly [S in (typeof localisedSections)[number]]: { readonly locale?: string } };

/** The same config with every section's locale decided. */
export type WithSectionLocales<C extends Sections & { readonly locale: string }> = C & {
  readonly [S in (typeof localisedSections)[number]]: C[S] & { readonly locale: string };
};

/**
 * Fills each section's locale from the top-level `locale` where the section names none, so a
 * restaurant sets `BONRELAY_LOCALE=de-DE` once and may still print English tickets for a tourist
 * kitchen with `tickets.locale`. Done once at load, so no reader has to know the fallback.
 */
export function withSectionLocales<C extends Sections & { readonly locale: string }>(
  config: C,
): WithSectionLocales<C> {
  const filled: Record<string, unknown> = { ...config };
  for (const section of localisedSections) {
    filled[section] = { ...config[section], locale: config[section].locale ?? config.locale };
  }
  return filled as WithSectionLocales<C>;
}
