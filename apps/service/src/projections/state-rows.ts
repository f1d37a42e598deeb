/**
 * Turns a view's state into rows and back, so a read table holds one row per entity and a batch
 * writes only what changed. Reducers return new objects only for what they touch, so comparing
 * references finds the changes; large containers (records, arrays, Maps) are split into one row per
 * child, small ones and leaves are stored as one JSON row. Paths are `/`-joined, URI-encoded keys.
 */
export interface StateRow {
  readonly path: string;
  readonly json: string;
}

export interface RowChanges {
  readonly upserts: StateRow[];
  /** Paths whose row and every row below it must go. */
  readonly deletes: string[];
}

/** Bump when the way states become rows changes: stored views are then rebuilt from the log. */
export const rowLayoutVersion = 2;

const splitAbove = 16;
const maxDepth = 4;
const mapTag = '$map';
type Kind = 'map' | 'array' | 'object';

function kindOf(value: unknown): Kind | undefined {
  if (value instanceof Map) return 'map';
  if (Array.isArray(value)) return 'array';
  if (value && typeof value === 'object') return 'object';
  return undefined;
}

function sizeOf(value: unknown, kind: Kind): number {
  if (kind === 'map') return (value as Map<unknown, unknown>).size;
  if (kind === 'array') return (value as unknown[]).length;
  return Object.keys(value as object).length;
}

function isLarge(value: unknown): boolean {
  const kind = kindOf(value);
  return kind !== undefined && sizeOf(value, kind) > splitAbove;
}

/**
 * Whether a container gets a row per child: the root always, and below it any container that is
 * large or holds a large child (a map's `{ groups, size }` wrapper), down to `maxDepth`.
 */
function isSplit(value: unknown, depth: number): Kind | undefined {
  const kind = kindOf(value);
  if (!kind || depth >= maxDepth) return undefined;
  if (depth === 0 || sizeOf(value, kind) > splitAbove) return kind;
  for (const child of childrenOf(value, kind).values()) if (isLarge(child)) return kind;
  return undefined;
}

function childrenOf(value: unknown, kind: Kind): Map<string, unknown> {
  if (kind === 'map') return new Map([...(value as Map<unknown, unknown>)].map(([k, v]) => [String(k), v]));
  if (kind === 'array') return new Map((value as unknown[]).map((v, i) => [String(i), v]));
  return new Map(Object.entries(value as object));
}

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

const child = (path: string, key: string) =>
  path === '' ? encodeURIComponent(key) : `${path}/${encodeURIComponent(key)}`;

function emit(value: unknown, path: string, depth: number, out: StateRow[]): void {
  const kind = isSplit(value, depth);
  if (!kind) {
    out.push({ path, json: encode(value) });
    return;
  }
  out.push({ path, json: JSON.stringify({ $kind: kind }) });
  for (const [key, item] of childrenOf(value, kind)) emit(item, child(path, key), depth + 1, out);
}

function diff(before: unknown, after: unknown, path: string, depth: number, changes: RowChanges): void {
  if (before === after) return;
  const beforeKind = isSplit(before, depth);
  const afterKind = isSplit(after, depth);
  if (!beforeKind || beforeKind !== afterKind) {
    if (path !== '') changes.deletes.push(path);
    emit(after, path, depth, changes.upserts);
    return;
  }
  const old = childrenOf(before, beforeKind);
  for (const [key, item] of childrenOf(after, afterKind)) {
    if (old.has(key)) diff(old.get(key), item, child(path, key), depth + 1, changes);
    else emit(item, child(path, key), depth + 1, changes.upserts);
    old.delete(key);
  }
  for (const key of old.keys()) changes.deletes.push(child(path, key));
}

/** Rows to write and subtrees to delete to go from the committed state to the current one. */
export function changedRows(previous: unknown, next: unknown): RowChanges {
  const changes: RowChanges = { upserts: [], deletes: [] };
  diff(previous, next, '', 0, changes);
  return changes;
}

interface Node {
  kind?: Kind;
  value?: unknown;
  children: Map<string, Node>;
}

function build(node: Node): unknown {
  if (!node.kind) return node.value;
  const entries = [...node.children].map(([key, item]) => [decodeURIComponent(key), build(item)] as const);
  if (node.kind === 'map') return new Map(entries);
  if (node.kind === 'array') {
    return entries.sort((a, b) => Number(a[0]) - Number(b[0])).map(([, item]) => item);
  }
  return Object.fromEntries(entries);
}

/** Rebuilds a state from its rows (the shape of each container is recorded with it). */
export function stateFromRows<State>(initial: State, rows: readonly StateRow[]): State {
  if (rows.length === 0) return initial;
  const root: Node = { children: new Map() };
  for (const row of rows) {
    let node = root;
    if (row.path !== '') {
      for (const segment of row.path.split('/')) {
        let next = node.children.get(segment);
        if (!next) {
          next = { children: new Map() };
          node.children.set(segment, next);
        }
        node = next;
      }
    }
    const parsed = decode(row.json) as { $kind?: Kind } | null;
    if (
      parsed &&
      typeof parsed === 'object' &&
      !(parsed instanceof Map) &&
      typeof parsed.$kind === 'string' &&
      Object.keys(parsed).length === 1
    ) {
      node.kind = parsed.$kind;
    } else node.value = parsed;
  }
  return build(root) as State;
}
