/**
 * Rewrites the `?` placeholders of the views' statements (compiled once for SQLite) as PostgreSQL's
 * `$1, $2, …`, leaving quoted text and identifiers alone, so both databases run the very statements
 * the views declare instead of a second copy that could drift. `placeholder` may put a literal
 * there instead.
 */
export function toPostgresPlaceholders(
  statement: string,
  placeholder: (index: number) => string = (index) => `$${index}`,
): string {
  let out = '';
  let index = 0;
  let quote: string | undefined;
  for (const char of statement) {
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
      out += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      out += char;
    } else if (char === '?') {
      index += 1;
      out += placeholder(index);
    } else out += char;
  }
  return out;
}
