/** Reads `--name N` from a bench's arguments, so every bench scales the same way. */
export function numberArg(args: readonly string[], name: string, fallback: number): number {
  const index = args.indexOf(name);
  if (index < 0) return fallback;
  const value = Number(args[index + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} needs a positive number`);
  return Math.floor(value);
}
