import { chainHash, genesisHash } from './hash-chain.ts';
import type { RowReader } from './read.ts';
import type { Database, VerifyResult } from './types.ts';

/** Large enough to amortise statement overhead, small enough to keep memory flat on a 1M-event log. */
const pageSize = 5000;

function integrityProblem(db: Database): string | undefined {
  const results = db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
  const messages = results.map((row) => row.integrity_check);
  return messages.length === 1 && messages[0] === 'ok' ? undefined : messages.join('; ');
}

/**
 * Audits the file: recomputes the hash chain from the genesis (a row edited, removed or reordered
 * behind the store's back breaks it at that position), then asks SQLite for its own integrity check.
 */
export function verifyLog(db: Database, readRows: RowReader): VerifyResult {
  let previousHash = genesisHash;
  let checked = 0;
  let after = 0;
  for (;;) {
    let page: ReturnType<RowReader>;
    try {
      page = readRows({ after, limit: pageSize });
    } catch (error) {
      return { ok: false, brokenAt: after + 1, reason: `unreadable: ${(error as Error).message}` };
    }
    for (const row of page) {
      if (chainHash(previousHash, row) !== row.hash) {
        return { ok: false, brokenAt: row.position, reason: 'hash does not match the chain' };
      }
      previousHash = row.hash;
      checked += 1;
      after = row.position;
    }
    if (page.length < pageSize) break;
  }
  const problem = integrityProblem(db);
  if (problem !== undefined) return { ok: false, brokenAt: 0, reason: `integrity_check: ${problem}` };
  return { ok: true, checked };
}
