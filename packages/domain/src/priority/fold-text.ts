/**
 * Lower-cases and strips diacritics ("Nüsse" → "nusse", "Zöliakie" → "zoliakie", "ß" → "ss") so a
 * guest's spelling, umlauts or caps lock never hide an allergy.
 */
export function foldText(text: string): string {
  return text.toLowerCase().replaceAll('ß', 'ss').normalize('NFD').replace(/\p{M}/gu, '');
}
