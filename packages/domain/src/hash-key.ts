/**
 * FNV-1a over a key's UTF-16 code units: cheap, stable across processes and versions, and spread
 * well enough to place ids in the views' hash tries (never used for anything secret).
 */
export function hashKey(key: string): number {
  let hash = 2166136261;
  for (let index = 0; index < key.length; index++) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 16777619);
  }
  return hash >>> 0;
}
