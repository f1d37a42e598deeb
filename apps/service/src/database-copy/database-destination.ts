import type { Kysely } from 'kysely';
import type { HubTables } from '../hub/hub-tables.ts';
import { ingestSiteBatch } from '../hub/ingest-site-batch.ts';
import type { LogDestination } from '../replication/log-destination.ts';

export interface DatabaseDestinationOptions {
  /** The database's name without its password, for health and logs. */
  readonly name: string;
  /** The opened database; rejects while the server cannot be reached (asked again next time). */
  readonly database: () => Promise<Kysely<HubTables>>;
  readonly siteId: string;
  readonly clock: () => Date;
}

function unreachable(error: unknown) {
  return { kind: 'unreachable' as const, error: error instanceof Error ? error.message : String(error) };
}

/**
 * The site's own server database as a copy of its log: the very ingest a hub runs (one
 * transaction per batch, in order, chain verified, idempotent), called in process, so the server
 * copy holds what a hub would hold and a hub started on the same database sees the site at once.
 */
export function databaseLogDestination(options: DatabaseDestinationOptions): LogDestination {
  return {
    name: options.name,
    acknowledgedPosition: async () => {
      try {
        const db = await options.database();
        const summary = await db
          .selectFrom('hub_site_summary')
          .select('acknowledged_position')
          .where('site_id', '=', options.siteId)
          .executeTakeFirstOrThrow();
        return { kind: 'acknowledged', position: Number(summary.acknowledged_position) };
      } catch (error) {
        return unreachable(error);
      }
    },
    store: async (rows) => {
      let result: Awaited<ReturnType<typeof ingestSiteBatch>>;
      try {
        result = await ingestSiteBatch(await options.database(), options.siteId, rows, options.clock());
      } catch (error) {
        return unreachable(error);
      }
      if (result.ok || result.kind === 'out-of-order')
        return { kind: 'acknowledged', position: result.acknowledgedPosition };
      return {
        kind: 'refused',
        error: `${options.name} refuses this log: the hash chain breaks at position ${result.brokenAt} (run \`bonrelay verify\`; is this the site's own log?)`,
      };
    },
  };
}
