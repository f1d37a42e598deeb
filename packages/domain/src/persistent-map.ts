/**
 * An immutable string-keyed map with structural sharing. Views live for years and reducers must not
 * mutate: copying a `Map` on every event makes a replay quadratic. Here an update copies one of a
 * fixed number of hash buckets and the bucket list, so a queue of 100,000 jobs stays cheap to
 * change, and unchanged buckets keep their identity (the read tables rewrite only changed ones).
 */
const bucketCount = 1024;

function bucketOf(key: string): number {
  let hash = 2166136261;
  for (let index = 0; index < key.length; index++) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 16777619);
  }
  return (hash >>> 0) % bucketCount;
}

type Bucket<V> = Readonly<Record<string, V>>;
const emptyBucket: Bucket<never> = Object.freeze({});

export class PersistentMap<V> implements ReadonlyMap<string, V> {
  /** Kept as plain data (no private fields) so the read tables can store and restore it. */
  readonly buckets: readonly Bucket<V>[];
  readonly size: number;

  private constructor(buckets: readonly Bucket<V>[], size: number) {
    this.buckets = buckets;
    this.size = size;
  }

  /** An empty map. */
  static empty<V>(): PersistentMap<V> {
    return new PersistentMap<V>(
      Array.from({ length: bucketCount }, () => emptyBucket),
      0,
    );
  }

  /** Builds a map from entries (tests, migrations). */
  static of<V>(entries: Iterable<readonly [string, V]>): PersistentMap<V> {
    let map = PersistentMap.empty<V>();
    for (const [key, value] of entries) map = map.set(key, value);
    return map;
  }

  /** Gives a map back its methods after it was stored as plain data (`{ buckets, size }`). */
  static revive<V>(plain: unknown): PersistentMap<V> {
    if (plain instanceof PersistentMap) return plain as PersistentMap<V>;
    const { buckets, size } = plain as { buckets?: Bucket<V>[]; size?: number };
    if (!Array.isArray(buckets) || buckets.length !== bucketCount || typeof size !== 'number') {
      return PersistentMap.empty<V>();
    }
    return new PersistentMap<V>(buckets, size);
  }

  get(key: string): V | undefined {
    const bucket = this.buckets[bucketOf(key)] as Bucket<V>;
    return Object.hasOwn(bucket, key) ? bucket[key] : undefined;
  }

  has(key: string): boolean {
    return Object.hasOwn(this.buckets[bucketOf(key)] as Bucket<V>, key);
  }

  /** A new map with `key` set; this one is unchanged. */
  set(key: string, value: V): PersistentMap<V> {
    const index = bucketOf(key);
    const bucket = this.buckets[index] as Bucket<V>;
    if (bucket[key] === value && Object.hasOwn(bucket, key)) return this;
    const buckets = this.buckets.slice();
    buckets[index] = { ...bucket, [key]: value };
    return new PersistentMap(buckets, this.size + (Object.hasOwn(bucket, key) ? 0 : 1));
  }

  /** A new map without `key` (this one if it was absent). */
  delete(key: string): PersistentMap<V> {
    const index = bucketOf(key);
    const bucket = this.buckets[index] as Bucket<V>;
    if (!Object.hasOwn(bucket, key)) return this;
    const { [key]: _gone, ...rest } = bucket;
    const buckets = this.buckets.slice();
    buckets[index] = rest;
    return new PersistentMap(buckets, this.size - 1);
  }

  *entries(): MapIterator<[string, V]> {
    for (const bucket of this.buckets) {
      for (const key in bucket) yield [key, bucket[key] as V];
    }
  }

  *keys(): MapIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this);
  }
}
