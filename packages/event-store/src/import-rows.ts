import { withStoreErrors } from './errors.ts';
import { chainHash, genesisHash } from './hash-chain.ts';
import { type EventRow, sql } from './sql.ts';
import type { EventStore } from './types.ts';

/** One row of a log exactly as some store kept it: its position, stored JSON text and hash included. */
export type StoredRow = Readonly<EventRow>;

export type ImportResult =
  | { readonly ok: true; readonly imported: number; readonly lastPosition: number }
  /** The batch does not start right after the log's last position, or skips one on the way. */
  | {
      readonly ok: false;
      readonly kind: 'out-of-order';
      readonly position: number;
      readonly expected: number;
    }
  /** The row at `brokenAt` does not hash onto the row before it: not the log it claims to be. */
  | { readonly ok: false; readonly kind: 'chain-broken'; readonly brokenAt: number };

function prepareStatements(store: EventStore) {
  const last = sql
    .selectFrom('events')
    .select(['position', 'hash'])
    .orderBy('position', 'desc')
    .limit(1)
    .compile();
  const insert = sql
    .insertInto('events')
    .values({
      position: 0,
      id: '',
      stream: '',
      stream_version: 0,
      type: '',
      schema_version: 0,
      data: '',
      metadata: '',
      recorded_at: '',
      hash: '',
    })
    .compile();
  const db = store.connection;
  const lastStatement = db.prepare<unknown[], { position: number; hash: string }>(last.sql);
  return { last: () => lastStatement.get(...last.parameters), insert: db.prepare(insert.sql) };
}

/** Checks that `rows` continue the log at `tail` position for position and hash for hash. */
function continuesChain(
  rows: readonly StoredRow[],
  tail: { position: number; hash: string } | undefined,
): ImportResult {
  let expected = (tail?.position ?? 0) + 1;
  let previousHash = tail?.hash ?? genesisHash;
  for (const row of rows) {
    if (row.position !== expected)
      return { ok: false, kind: 'out-of-order', position: row.position, expected };
    if (chainHash(previousHash, row) !== row.hash)
      return { ok: false, kind: 'chain-broken', brokenAt: row.position };
    previousHash = row.hash;
    expected += 1;
  }
  return { ok: true, imported: rows.length, lastPosition: expected - 1 };
}

/**
 * Writes back rows another copy of this log kept (a server database's copy of a restaurant whose
 * file was lost), verbatim: same positions, ids, stored JSON, recorded-at and hashes, so the chain
 * and sealed personal data come back as they were written, never re-encoded or re-hashed. Each
 * batch is one IMMEDIATE transaction that first checks the rows continue the log's positions and
 * hash chain exactly, and stores nothing otherwise. The rows pass the log's own schema and
 * append-only triggers. The store's live tail is not told: this is for a log no service has open.
 */
export function importStoredRows(store: EventStore, rows: readonly StoredRow[]): ImportResult {
  const statements = prepareStatements(store);
  const write = store.connection.transaction((batch: readonly StoredRow[]): ImportResult => {
    const checked = continuesChain(batch, statements.last());
    if (!checked.ok || batch.length === 0) return checked;
    for (const row of batch) {
      statements.insert.run(
        row.position,
        row.id,
        row.stream,
        row.stream_version,
        row.type,
        row.schema_version,
        row.data,
        row.metadata,
        row.recorded_at,
        row.hash,
      );
    }
    return checked;
  });
  return withStoreErrors(() => write.immediate(rows));
}
