/** Parsed command line: positional words and `--name value` / `--flag` options. */
export interface CliArguments {
  readonly words: readonly string[];
  readonly options: Readonly<Record<string, string | true>>;
}

/** A tiny parser: the CLI has a handful of flags, not worth a dependency. */
export function parseArguments(argv: readonly string[]): CliArguments {
  const words: string[] = [];
  const options: Record<string, string | true> = {};
  for (let index = 0; index < argv.length; index++) {
    const item = argv[index] as string;
    if (!item.startsWith('--')) {
      words.push(item);
      continue;
    }
    const [name, inline] = item.slice(2).split('=', 2) as [string, string | undefined];
    const next = argv[index + 1];
    if (inline !== undefined) options[name] = inline;
    else if (next !== undefined && !next.startsWith('--')) {
      options[name] = next;
      index++;
    } else options[name] = true;
  }
  return { words, options };
}

/** Reads an option as text, or undefined; a bare `--flag` given where a value is needed is an error. */
export function textOption(args: CliArguments, name: string): string | undefined {
  const value = args.options[name];
  if (value === true) throw new Error(`--${name} needs a value`);
  return value;
}

/** Reads a time option given as ISO 8601 (or anything Date understands), with a clear error. */
export function timeOption(args: CliArguments, name: string): string | undefined {
  const text = textOption(args, name);
  if (text === undefined) return undefined;
  const time = new Date(text);
  if (Number.isNaN(time.getTime()))
    throw new Error(`--${name} "${text}" is not a time (use ISO 8601, e.g. 2026-11-27T19:40)`);
  return time.toISOString();
}
