/**
 * Small persistent collections for views that live for years. A plain `{ ...all, [id]: x }` copies
 * every order on every event, which makes a replay quadratic; hashing keys into fixed buckets means
 * an update copies one bucket and the bucket list, while values stay plain JSON-friendly data.
 */
const bucketCount = 1024;
const chunkSize = 512;

export type KeyedBuckets<V> = readonly Readonly<Record<string, V>>[];

/** Ids in arrival order, stored as fixed-size chunks so appending copies one chunk. */
export interface ChunkedList<V> {
  readonly size: number;
  readonly chunks: readonly (readonly V[])[];
}

const noEntries: Readonly<Record<string, never>> = Object.freeze({});

export const emptyBuckets: KeyedBuckets<never> = Object.freeze(
  Array.from({ length: bucketCount }, () => noEntries),
);

export const emptyList: ChunkedList<never> = Object.freeze({ size: 0, chunks: Object.freeze([]) });

function bucketOf(key: string): number {
  let hash = 2166136261;
  for (let index = 0; index < key.length; index++) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 16777619);
  }
  return (hash >>> 0) % bucketCount;
}

export function getKeyed<V>(buckets: KeyedBuckets<V>, key: string): V | undefined {
  const bucket = buckets[bucketOf(key)];
  return bucket && Object.hasOwn(bucket, key) ? bucket[key] : undefined;
}

export function setKeyed<V>(buckets: KeyedBuckets<V>, key: string, value: V): KeyedBuckets<V> {
  const index = bucketOf(key);
  const copy = buckets.slice();
  copy[index] = { ...buckets[index], [key]: value };
  return copy;
}

export function deleteKeyed<V>(buckets: KeyedBuckets<V>, key: string): KeyedBuckets<V> {
  const index = bucketOf(key);
  const bucket = buckets[index];
  if (!bucket || !Object.hasOwn(bucket, key)) return buckets;
  const { [key]: _dropped, ...rest } = bucket;
  const copy = buckets.slice();
  copy[index] = rest;
  return copy;
}

export function appendToList<V>(list: ChunkedList<V>, value: V): ChunkedList<V> {
  const last = list.size % chunkSize === 0 ? undefined : list.chunks[list.chunks.length - 1];
  const chunks = last ? [...list.chunks.slice(0, -1), [...last, value]] : [...list.chunks, [value]];
  return { size: list.size + 1, chunks };
}

export function listAt<V>(list: ChunkedList<V>, index: number): V | undefined {
  return list.chunks[Math.floor(index / chunkSize)]?.[index % chunkSize];
}
