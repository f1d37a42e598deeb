/** Drops absent fields, so a missing Wix field is missing in the order too (not `undefined`). */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, field]) => field !== undefined && field !== null),
  ) as T;
}

/** Empty strings carry no information; treating them as absent keeps tickets free of blank lines. */
export function present(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value.trim() === '' ? undefined : value;
}
