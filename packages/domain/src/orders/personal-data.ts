import type { Order } from '../order.ts';

/** What a guest's erased personal data reads as, in views, the API and on reprinted tickets. */
export const erased = '[erased]';

/** Where an order keeps what identifies a guest: name, phone, email, address and free text. */
const personalRoots = ['customer', 'fulfilment.address', 'fulfilment.instructions', 'note'] as const;

/** Personal values by dotted path, e.g. `{ 'customer.phone': '+49 …', note: 'ring twice' }`. */
export type PersonalValues = Readonly<Record<string, unknown>>;

type Tree = Readonly<Record<string, unknown>>;

const isTree = (value: unknown): value is Tree =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const asTree = (order: Order): Tree => order as unknown as Tree;

function at(tree: Tree, path: string): unknown {
  let node: unknown = tree;
  for (const step of path.split('.')) node = isTree(node) ? node[step] : undefined;
  return node;
}

function leaves(value: unknown, path: string, into: Record<string, unknown>): void {
  if (value === undefined) return;
  if (!isTree(value)) {
    into[path] = value;
    return;
  }
  for (const [key, child] of Object.entries(value)) leaves(child, `${path}.${key}`, into);
}

/** Every personal leaf of an order by dotted path; empty for an order that names nobody. */
export function personalValues(order: Order): PersonalValues {
  const found: Record<string, unknown> = {};
  for (const root of personalRoots) leaves(at(asTree(order), root), root, found);
  return found;
}

/**
 * The order without its personal leaves (a guest-less shape the log may hold in the clear: items,
 * totals, times). `customer` stays an empty object so the order keeps its type.
 */
export function withoutPersonal(order: Order, paths: readonly string[]): Order {
  if (paths.length === 0) return order;
  // Each branch on a path is copied once, however many leaves go from it; the rest is shared.
  const top: Record<string, unknown> = { ...asTree(order) };
  const copies = new Set<unknown>([top]);
  for (const path of paths) {
    const steps = path.split('.');
    const last = steps.pop() as string;
    let node: Record<string, unknown> | undefined = top;
    for (const step of steps) {
      const child: unknown = node[step];
      if (!isTree(child)) {
        node = undefined;
        break;
      }
      const copy = copies.has(child) ? (child as Record<string, unknown>) : { ...child };
      copies.add(copy);
      node[step] = copy;
      node = copy;
    }
    if (node) delete node[last];
  }
  return top as unknown as Order;
}

function withPath(tree: Tree, steps: readonly string[], value: unknown): Tree {
  const [step, ...rest] = steps as [string, ...string[]];
  const next = { ...tree };
  if (rest.length === 0) {
    next[step] = value;
    return next;
  }
  const child = isTree(tree[step]) ? tree[step] : {};
  next[step] = withPath(child, rest, value);
  return next;
}

/** Puts personal values back at their paths: opening a sealed order. */
export function withPersonal(order: Order, values: PersonalValues): Order {
  const entries = Object.entries(values);
  const tree = entries.reduce((tree, [path, value]) => withPath(tree, path.split('.'), value), asTree(order));
  return tree as unknown as Order;
}

/** What each of the given personal fields reads once the guest's key is gone. */
export function erasedValues(paths: readonly string[]): PersonalValues {
  return Object.fromEntries(paths.map((path) => [path, erased]));
}

/** The order as it reads once its guest was forgotten: every personal field it had says "[erased]". */
export function erasedAt(order: Order, paths: readonly string[]): Order {
  return withPersonal(order, erasedValues(paths));
}
