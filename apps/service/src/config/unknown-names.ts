import { z } from 'zod';
import { closestName } from './closest-name.ts';
import { knownVariables, testVariablePrefix } from './environment.ts';

const prefix = 'BONRELAY_';

/**
 * One problem per `BONRELAY_*` variable bonrelay does not read. A misspelt `BONRELAY_PRINTER_URLS`
 * would otherwise be ignored without a word and every ticket would go to the virtual printer.
 */
export function unknownVariableProblems(environment: NodeJS.ProcessEnv): string[] {
  const known = knownVariables.map((name) => name.slice(prefix.length));
  return Object.keys(environment)
    .filter((name) => name.startsWith(prefix) && !name.startsWith(testVariablePrefix))
    .filter((name) => !knownVariables.includes(name))
    .sort()
    .map((name) => {
      const closest = closestName(name.slice(prefix.length), known);
      return closest
        ? `${name}: not a bonrelay variable; did you mean ${prefix}${closest}?`
        : `${name}: not a bonrelay variable; bonrelay reads ${knownVariables.join(', ')} (tests and benches use ${testVariablePrefix}*)`;
    });
}

function unwrap(schema: z.ZodType): z.ZodType {
  let node = schema;
  while (node instanceof z.ZodDefault || node instanceof z.ZodPrefault || node instanceof z.ZodOptional) {
    node = node.unwrap() as z.ZodType;
  }
  return node;
}

/** The schema a config path leads to, through defaults, arrays and records. */
function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let node = unwrap(schema);
  for (const step of path) {
    let next: z.ZodType | undefined;
    if (node instanceof z.ZodObject) next = node.shape[String(step)] as z.ZodType | undefined;
    else if (node instanceof z.ZodArray) next = node.element as z.ZodType;
    else if (node instanceof z.ZodRecord) next = node.valueType as z.ZodType;
    if (!next) return undefined;
    node = unwrap(next);
  }
  return node;
}

function keysOf(schema: z.ZodType | undefined): string[] {
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  if (schema instanceof z.ZodRecord && schema.keyType instanceof z.ZodEnum) {
    return schema.keyType.options.map(String);
  }
  return [];
}

/**
 * One problem per key in the JSON file the schema does not have, naming the key it most likely
 * meant (`server.prot` → `server.port`), or the keys that exist there when none is close.
 */
export function unknownKeyProblems(
  schema: z.ZodType,
  path: readonly PropertyKey[],
  keys: readonly string[],
): string[] {
  const known = keysOf(schemaAt(schema, path));
  const where = (key: string) => [...path, key].join('.');
  return keys.map((key) => {
    const closest = closestName(key, known);
    return closest
      ? `${where(key)}: unknown key; did you mean ${where(closest)}?`
      : `${where(key)}: unknown key; known here: ${known.join(', ')}`;
  });
}
