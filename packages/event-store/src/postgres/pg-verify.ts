import type { Kysely } from 'kysely';
import { chainHash, genesisHash } from '../hash-chain.ts';
import { eventColumns } from '../sql.ts';
import type { VerifyResult } from '../types.ts';
import { withPostgresErrors } from './pg-errors.ts';
import type { PostgresLogTables } from './pg-tables.ts';

const pageSize = 5_000;

/**
 * Audits the log on PostgreSQL: recomputes the hash chain from the genesis, the same chain SQLite
 * writes (so a log copied between them verifies on either), and checks that the head appends
 * continue from is the last event. One repeatable-read snapshot, so appends running meanwhile
 * neither break nor extend what is checked.
 */
export function verifyPostgresLog(db: Kysely<PostgresLogTables>): Promise<VerifyResult> {
  return withPostgresErrors(() =>
    db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx): Promise<VerifyResult> => {
        let previousHash = genesisHash;
        let checked = 0;
        let after = 0;
        for (;;) {
          const page = await trx
            .selectFrom('events')
            .select(eventColumns)
            .where('position', '>', after)
            .orderBy('position', 'asc')
            .limit(pageSize)
            .execute();
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
        const head = await trx
          .selectFrom('events_head')
          .select(['position', 'hash'])
          .where('log', '=', 1)
          .executeTakeFirst();
        if (head === undefined || head.position !== after || head.hash !== previousHash) {
          return { ok: false, brokenAt: after + 1, reason: 'the log head does not match its last event' };
        }
        return { ok: true, checked };
      }),
  );
}
