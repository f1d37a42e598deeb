/**
 * Turns a view's state into rows and back, so a read table holds one row per entity and a batch
 * writes only the entities whose object changed (reducers return new objects for what they touch).
 * A state is an object whose fields are records, Maps or plain values.
 */
export interface StateRow {
  readonly part: string;
  readonly key: string;
  readonly json: string;
}

const scalarKey = '';
const mapTag = '$map';

/** JSON that keeps nested Maps as Maps (reducers may use them inside entities). */
function encode(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, item) =>
    item instanceof Map ? { [mapTag]: [...item.entries()] } : item,
  );
}

function decode(json: string): unknown {
  return JSON.parse(json, (_key, item) =>
    item && typeof item === 'object' && mapTag in item ? new Map(item[mapTag]) : item,
  );
}

const mapMarker = '__map__';

function entriesOf(value: unknown): [string, unknown][] | undefined {
  if (value instanceof Map) return [...value.entries()].map(([key, item]) => [String(key), item]);
  if (value && typeof value === 'object' && !Array.isArray(value)) return Object.entries(value);
  return undefined;
}

/** Rows whose value changed between two states, and keys that disappeared. */
export function changedRows(
  previous: Record<string, unknown>,
  next: Record<string, unknown>,
): { upserts: StateRow[]; deletes: { part: string; key: string }[] } {
  const upserts: StateRow[] = [];
  const deletes: { part: string; key: string }[] = [];
  for (const [part, value] of Object.entries(next)) {
    const before = previous[part];
    if (before === value) continue;
    const entries = entriesOf(value);
    if (!entries) {
      upserts.push({ part, key: scalarKey, json: encode(value) });
      continue;
    }
    if (value instanceof Map) upserts.push({ part, key: mapMarker, json: 'true' });
    const old = new Map(entriesOf(before) ?? []);
    for (const [key, item] of entries) {
      if (old.get(key) !== item) upserts.push({ part, key, json: encode(item) });
      old.delete(key);
    }
    for (const key of old.keys()) deletes.push({ part, key });
  }
  return { upserts, deletes };
}

/** Rebuilds a state from its rows, taking shapes (record, Map, scalar) from the initial state. */
export function stateFromRows<State>(initial: State, rows: readonly StateRow[]): State {
  const parts = new Map<string, StateRow[]>();
  for (const row of rows) parts.set(row.part, [...(parts.get(row.part) ?? []), row]);
  const state: Record<string, unknown> = { ...(initial as Record<string, unknown>) };
  for (const [part, partRows] of parts) {
    const template = state[part];
    const scalar = partRows.find((row) => row.key === scalarKey);
    if (scalar && !entriesOf(template)) {
      state[part] = decode(scalar.json);
      continue;
    }
    const items = partRows
      .filter((row) => row.key !== mapMarker && row.key !== scalarKey)
      .map((row) => [row.key, decode(row.json)] as [string, unknown]);
    state[part] = template instanceof Map ? new Map(items) : Object.fromEntries(items);
  }
  return state as State;
}
