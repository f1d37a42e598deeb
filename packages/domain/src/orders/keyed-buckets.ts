import { hashKey } from '../hash-key.ts';

/**
 * Small persistent collections for views that live for years. A plain `{ ...all, [id]: x }` copies
 * every order on every event, which makes a replay quadratic; hashing keys into a shallow trie means
 * an update copies three small nodes and one tiny leaf, while values stay plain JSON-friendly data.
 */
const fanOut = 32;
const depth = 3;
const chunkSize = 512;

type Leaf<V> = Readonly<Record<string, V>>;

/** A fixed-depth hash trie: 32 × 32 × 32 nodes, leaves of a handful of entries each. */
export type KeyedBuckets<V> = readonly (KeyedBuckets<V> | Leaf<V> | null)[];

/** Ids in arrival order, stored as fixed-size chunks so appending copies one chunk. */
export interface ChunkedList<V> {
  readonly size: number;
  readonly chunks: readonly (readonly V[])[];
}

export const emptyBuckets: KeyedBuckets<never> = Object.freeze(Array.from({ length: fanOut }, () => null));

export const emptyList: ChunkedList<never> = Object.freeze({ size: 0, chunks: Object.freeze([]) });

const slotAt = (hash: number, level: number) => (hash >>> (level * 5)) % fanOut;

function leafOf<V>(buckets: KeyedBuckets<V>, key: string): Leaf<V> | undefined {
  const hash = hashKey(key);
  let node: KeyedBuckets<V> | Leaf<V> | null | undefined = buckets;
  for (let level = 0; level < depth && node; level++) node = (node as KeyedBuckets<V>)[slotAt(hash, level)];
  return (node ?? undefined) as Leaf<V> | undefined;
}

function updateLeaf<V>(
  node: KeyedBuckets<V> | null,
  hash: number,
  level: number,
  update: (leaf: Leaf<V> | null) => Leaf<V>,
): KeyedBuckets<V> {
  const slot = slotAt(hash, level);
  const copy = node ? node.slice() : Array.from({ length: fanOut }, () => null);
  const child = node?.[slot] ?? null;
  copy[slot] =
    level === depth - 1
      ? update(child as Leaf<V> | null)
      : updateLeaf(child as KeyedBuckets<V> | null, hash, level + 1, update);
  return copy;
}

export function getKeyed<V>(buckets: KeyedBuckets<V>, key: string): V | undefined {
  const leaf = leafOf(buckets, key);
  return leaf && Object.hasOwn(leaf, key) ? leaf[key] : undefined;
}

export function setKeyed<V>(buckets: KeyedBuckets<V>, key: string, value: V): KeyedBuckets<V> {
  return updateLeaf(buckets, hashKey(key), 0, (leaf) => ({ ...leaf, [key]: value }));
}

export function deleteKeyed<V>(buckets: KeyedBuckets<V>, key: string): KeyedBuckets<V> {
  const leaf = leafOf(buckets, key);
  if (!leaf || !Object.hasOwn(leaf, key)) return buckets;
  const { [key]: _dropped, ...rest } = leaf;
  return updateLeaf(buckets, hashKey(key), 0, () => rest);
}

export function appendToList<V>(list: ChunkedList<V>, value: V): ChunkedList<V> {
  const last = list.size % chunkSize === 0 ? undefined : list.chunks[list.chunks.length - 1];
  const chunks = last ? [...list.chunks.slice(0, -1), [...last, value]] : [...list.chunks, [value]];
  return { size: list.size + 1, chunks };
}

export function listAt<V>(list: ChunkedList<V>, index: number): V | undefined {
  return list.chunks[Math.floor(index / chunkSize)]?.[index % chunkSize];
}
