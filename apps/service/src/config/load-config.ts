import { readFileSync } from 'node:fs';
import { fallbackProblems } from '../fallback/fallback-problems.ts';
import { type Config, configSchema } from './config-schema.ts';
import { environmentOverrides, parseOverride } from './environment.ts';
import { withSectionLocales } from './locale-setting.ts';
import { unknownKeyProblems, unknownVariableProblems } from './unknown-names.ts';

/** A configuration that must not start the service; the message names the key and the problem. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`bonrelay cannot start, the configuration is invalid:\n  - ${problems.join('\n  - ')}`);
  }
}

type Json = Record<string, unknown>;

function setPath(target: Json, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node[key] = next && typeof next === 'object' && !Array.isArray(next) ? { ...(next as Json) } : {};
    node = node[key] as Json;
  }
  node[path[path.length - 1] as string] = value;
}

function readConfigFile(file: string): Json {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError([
      `BONRELAY_CONFIG: cannot read ${file} (${(error as NodeJS.ErrnoException).code})`,
    ]);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Json;
  } catch (error) {
    throw new ConfigError([`BONRELAY_CONFIG: ${file} is not a JSON object (${(error as Error).message})`]);
  }
}

/**
 * Builds the one validated config from the JSON file named by `BONRELAY_CONFIG` and the `BONRELAY_*`
 * variables (which win). Throws `ConfigError` listing every bad key and every `BONRELAY_*` name it
 * does not know (`BONRELAY_TEST_*` aside), so an operator fixes all at once.
 */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const file = environment.BONRELAY_CONFIG;
  const raw: Json = file ? readConfigFile(file) : {};
  const sourceOf = new Map<string, string>();
  for (const override of environmentOverrides) {
    const text = environment[override.variable];
    if (text === undefined || text === '') continue;
    setPath(raw, override.path, parseOverride(override, text));
    sourceOf.set(override.path.join('.'), override.variable);
  }
  const unknownVariables = unknownVariableProblems(environment);
  const result = configSchema.safeParse(raw);
  const fallbacks = result.success ? fallbackProblems(result.data) : [];
  if (result.success && unknownVariables.length === 0 && fallbacks.length === 0)
    return withSectionLocales(result.data);
  const problems = (result.error?.issues ?? []).flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') return unknownKeyProblems(configSchema, issue.path, issue.keys);
    const key = issue.path.join('.') || '(root)';
    const source = [...sourceOf].find(([path]) => key.startsWith(path))?.[1];
    return [`${key}${source ? ` (from ${source})` : ''}: ${issue.message}`];
  });
  throw new ConfigError([...unknownVariables, ...problems, ...fallbacks]);
}
