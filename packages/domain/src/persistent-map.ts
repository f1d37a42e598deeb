import { hashKey } from './hash-key.ts';

/**
 * An immutable string-keyed map with structural sharing. Views live for years and reducers must not
 * mutate: copying a `Map` on every event makes a replay quadratic. Here keys hash into 32 groups of
 * 32 buckets; an update copies one small bucket and two 32-slot arrays, so a queue of 100,000 jobs
 * stays cheap to change, and untouched buckets keep their identity (the read tables rewrite only
 * what changed).
 */
const fanOut = 32;

/** A few `[key, value]` pairs: arrays copy and iterate faster than small dictionaries. */
type Bucket<V> = readonly (readonly [string, V])[];
/** 32 shelves of 32 buckets; a map is 32 groups of those (32,768 buckets, a few keys each). */
type Shelf<V> = readonly Bucket<V>[];
type Group<V> = readonly Shelf<V>[];
const emptyBucket: Bucket<never> = Object.freeze([]);
const emptyShelf: Shelf<never> = Object.freeze(Array.from({ length: fanOut }, () => emptyBucket));
const emptyGroup: Group<never> = Object.freeze(Array.from({ length: fanOut }, () => emptyShelf));
const slots = (key: string) => {
  const hash = hashKey(key);
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
    for (const entry of bucket) if (entry[0] === key) return entry[1];
    return undefined;
  }

  has(key: string): boolean {
    return this.bucketOf(key).some((entry) => entry[0] === key);
  }

  /** A new map with `key` set; this one is unchanged. */
  set(key: string, value: V): PersistentMap<V> {
    const bucket = this.bucketOf(key);
    const index = bucket.findIndex((entry) => entry[0] === key);
    if (index >= 0 && bucket[index]?.[1] === value) return this;
    const next = bucket.slice();
    if (index >= 0) next[index] = [key, value];
    else next.push([key, value]);
    return this.with(key, next, this.size + (index >= 0 ? 0 : 1));
  }

  /** A new map without `key` (this one if it was absent). */
  delete(key: string): PersistentMap<V> {
    const bucket = this.bucketOf(key);
    if (!bucket.some((entry) => entry[0] === key)) return this;
    const rest = bucket.filter((entry) => entry[0] !== key);
    return this.with(key, rest, this.size - 1);
  }

  /** Walks every entry with plain loops (no generator per entry): the saga scans its queue often. */
  private collect<T>(pick: (key: string, value: V) => T): T[] {
    const found: T[] = [];
    if (this.size === 0) return found;
    for (const group of this.groups) {
      if (group === emptyGroup) continue;
      for (const shelf of group) {
        if (shelf === emptyShelf) continue;
        for (const bucket of shelf) {
          if (bucket === emptyBucket) continue;
          for (const entry of bucket) found.push(pick(entry[0], entry[1]));
        }
      }
    }
    return found;
  }

  entries(): MapIterator<[string, V]> {
    return this.collect((key, value): [string, V] => [key, value])[Symbol.iterator]() as MapIterator<
      [string, V]
    >;
  }

  keys(): MapIterator<string> {
    return this.collect((key) => key)[Symbol.iterator]() as MapIterator<string>;
  }

  values(): MapIterator<V> {
    return this.collect((_key, value) => value)[Symbol.iterator]() as MapIterator<V>;
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    this.collect((key, value) => callback(value, key, this));
  }
}
