/**
 * An immutable string-keyed map with structural sharing. Views live for years and reducers must not
 * mutate: copying a `Map` on every event makes a replay quadratic. Here keys hash into 32 groups of
 * 32 buckets; an update copies one small bucket and two 32-slot arrays, so a queue of 100,000 jobs
 * stays cheap to change, and untouched buckets keep their identity (the read tables rewrite only
 * what changed).
 */
const fanOut = 32;

function hashOf(key: string): number {
  let hash = 2166136261;
  for (let index = 0; index < key.length; index++) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 16777619);
  }
  return hash >>> 0;
}

type Bucket<V> = Readonly<Record<string, V>>;
/** 32 shelves of 32 buckets; a map is 32 groups of those (32,768 buckets, a few keys each). */
type Shelf<V> = readonly Bucket<V>[];
type Group<V> = readonly Shelf<V>[];
const emptyBucket: Bucket<never> = Object.freeze({});
const emptyShelf: Shelf<never> = Object.freeze(Array.from({ length: fanOut }, () => emptyBucket));
const emptyGroup: Group<never> = Object.freeze(Array.from({ length: fanOut }, () => emptyShelf));
const slots = (key: string) => {
  const hash = hashOf(key);
  return [hash % fanOut, (hash >>> 5) % fanOut, (hash >>> 10) % fanOut] as const;
};

export class PersistentMap<V> implements ReadonlyMap<string, V> {
  /** Kept as plain data (no private fields) so the read tables can store and restore it. */
  readonly groups: readonly Group<V>[];
  readonly size: number;

  private constructor(groups: readonly Group<V>[], size: number) {
    this.groups = groups;
    this.size = size;
  }

  /** An empty map. */
  static empty<V>(): PersistentMap<V> {
    return new PersistentMap<V>(
      Array.from({ length: fanOut }, () => emptyGroup),
      0,
    );
  }

  /** Builds a map from entries (tests, migrations). */
  static of<V>(entries: Iterable<readonly [string, V]>): PersistentMap<V> {
    let map = PersistentMap.empty<V>();
    for (const [key, value] of entries) map = map.set(key, value);
    return map;
  }

  /** Gives a map back its methods after it was stored as plain data (`{ groups, size }`). */
  static revive<V>(plain: unknown): PersistentMap<V> {
    if (plain instanceof PersistentMap) return plain as PersistentMap<V>;
    const { groups, size } = plain as { groups?: Group<V>[]; size?: number };
    const wellFormed =
      Array.isArray(groups) &&
      groups.length === fanOut &&
      groups.every(
        (group) =>
          Array.isArray(group) &&
          group.length === fanOut &&
          group.every((shelf) => Array.isArray(shelf) && shelf.length === fanOut),
      );
    return wellFormed && typeof size === 'number'
      ? new PersistentMap<V>(groups, size)
      : PersistentMap.empty<V>();
  }

  private bucketOf(key: string): Bucket<V> {
    const [group, shelf, bucket] = slots(key);
    return ((this.groups[group] as Group<V>)[shelf] as Shelf<V>)[bucket] as Bucket<V>;
  }

  private with(key: string, bucket: Bucket<V>, size: number): PersistentMap<V> {
    const [groupSlot, shelfSlot, bucketSlot] = slots(key);
    const group = (this.groups[groupSlot] as Group<V>).slice();
    const shelf = (group[shelfSlot] as Shelf<V>).slice();
    shelf[bucketSlot] = bucket;
    group[shelfSlot] = shelf;
    const groups = this.groups.slice();
    groups[groupSlot] = group;
    return new PersistentMap(groups, size);
  }

  get(key: string): V | undefined {
    const bucket = this.bucketOf(key);
    return Object.hasOwn(bucket, key) ? bucket[key] : undefined;
  }

  has(key: string): boolean {
    return Object.hasOwn(this.bucketOf(key), key);
  }

  /** A new map with `key` set; this one is unchanged. */
  set(key: string, value: V): PersistentMap<V> {
    const bucket = this.bucketOf(key);
    const present = Object.hasOwn(bucket, key);
    if (present && bucket[key] === value) return this;
    return this.with(key, { ...bucket, [key]: value }, this.size + (present ? 0 : 1));
  }

  /** A new map without `key` (this one if it was absent). */
  delete(key: string): PersistentMap<V> {
    const bucket = this.bucketOf(key);
    if (!Object.hasOwn(bucket, key)) return this;
    const { [key]: _gone, ...rest } = bucket;
    return this.with(key, rest, this.size - 1);
  }

  *entries(): MapIterator<[string, V]> {
    if (this.size === 0) return;
    for (const group of this.groups) {
      for (const shelf of group) {
        for (const bucket of shelf) {
          for (const key in bucket) yield [key, bucket[key] as V];
        }
      }
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
