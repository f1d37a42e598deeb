import { startDatabaseCopy } from './database-copy/start-database-copy.ts';
import type { ReplicationStatus } from './replication/ship-log.ts';
import { type ReplicationOptions, startReplication } from './replication/start-replication.ts';

/** How far each copy of the site's log has come, for health and the dashboard (absent = none kept). */
export interface LogCopyStatuses {
  readonly hub?: () => ReplicationStatus;
  readonly database?: () => ReplicationStatus;
}

/**
 * Starts every copy of the site's log that the config asks for: the group hub's (over HTTPS, with
 * the orders it routes back) and the server database's (`database.url`). Both copy from the site's
 * own log, so neither ever stands between an order and its ticket.
 */
export function startLogCopies(options: ReplicationOptions) {
  const hub = options.config.hub.url ? startReplication(options) : undefined;
  const database = options.config.database.url ? startDatabaseCopy(options) : undefined;
  const statuses: LogCopyStatuses = {
    ...(hub ? { hub: hub.status } : {}),
    ...(database ? { database: database.status } : {}),
  };
  return {
    statuses,
    stop: async () => {
      await Promise.all([hub?.stop(), database?.stop()]);
    },
  };
}
