import { hkdfSync } from 'node:crypto';
import { open, seal } from './sealed-box.ts';

/** How read-table rows are kept on disk: sealed when a master key exists, plain otherwise. */
export interface RowSealer {
  seal(json: string, path: string): string;
  open(stored: string, path: string): string;
}

/**
 * Seals snapshot view rows with a key derived from the master key, each bound to its path: they
 * live in the same file as the log, which keeps guests' data encrypted. (The orders table seals its
 * personal fields per guest instead, see `guestPersonalData`; this key only covers orders logged
 * before encryption, which name no guest.)
 */
export function createViewSealer(masterKey: Buffer): RowSealer {
  const key = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'bonrelay view rows', 32));
  return {
    seal: (json, path) => {
      const box = seal(key, Buffer.from(json, 'utf8'), path);
      return `${box.iv}.${box.tag}.${box.data}`;
    },
    open: (stored, path) => {
      const [iv = '', tag = '', data = ''] = stored.split('.');
      const plain = open(key, { iv, tag, data }, path);
      if (!plain) throw new Error(`a view row at "${path}" does not open with this master key`);
      return plain.toString('utf8');
    },
  };
}
