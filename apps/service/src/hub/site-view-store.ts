import { basename, dirname, join } from 'node:path';
import { type AsyncViewConnection, postgresSchemaViews, sqliteAsyncViewConnection } from '@bonrelay/views';
import BetterSqlite3 from 'better-sqlite3';

/** Where each site's views live on the hub: the very tables a site keeps, one set per site. */
export interface SiteViewStore {
  /** The site's views; its schema (or file) is created by the first `claim`. */
  connection(siteId: string): AsyncViewConnection;
  /**
   * Inside a transaction on the site's connection: whether this replica may write the site's views
   * now. `wait` queues behind another replica; otherwise a busy site is left to whoever holds it.
   */
  claim(transaction: AsyncViewConnection, siteId: string, wait: boolean): Promise<boolean>;
  close(): Promise<void>;
}

/** Each site's views in a schema of its own, so no view table or query needs a site column. */
export function siteSchema(siteId: string): string {
  return `site_views_${siteId}`;
}

/** A lock class of the hub's own (the migration's is 1429807), the site's id hashed into the key. */
const projectionLock = 1429808;

/**
 * PostgreSQL: one pool for every site, each site's tables in its schema. A transaction-scoped
 * advisory lock per site lets one replica write a site's views at a time; it ends with the
 * transaction, so a replica that dies mid-batch hands the site over without anyone noticing.
 */
function postgresSiteViews(url: string): SiteViewStore {
  const schemas = postgresSchemaViews(url, { poolSize: 4 });
  const connections = new Map<string, AsyncViewConnection>();
  return {
    connection: (siteId) => {
      let connection = connections.get(siteId);
      if (connection === undefined) {
        connection = schemas.inSchema(siteSchema(siteId));
        connections.set(siteId, connection);
      }
      return connection;
    },
    claim: async (transaction, siteId, wait) => {
      let claimed = true;
      if (wait)
        await transaction.query(`select pg_advisory_xact_lock(${projectionLock}, hashtext(?))`, [siteId]);
      else {
        const [row] = await transaction.query<{ claimed: boolean }>(
          `select pg_try_advisory_xact_lock(${projectionLock}, hashtext(?)) as claimed`,
          [siteId],
        );
        claimed = row?.claimed === true;
      }
      if (claimed) await transaction.exec(`create schema if not exists "${siteSchema(siteId)}"`);
      return claimed;
    },
    close: () => schemas.close(),
  };
}

/**
 * A site's views file is opened once per process, however many hubs in it share the database:
 * better-sqlite3 waits for another connection's write lock by blocking the thread, so a second
 * connection in the same process would stall the one holding it (tests run two replicas in one).
 */
const sqliteFiles = new Map<string, { connection: AsyncViewConnection; users: number }>();

function openSqliteFile(path: string): AsyncViewConnection {
  let file = sqliteFiles.get(path);
  if (file === undefined) {
    const database = new BetterSqlite3(path);
    database.pragma('journal_mode = WAL');
    database.pragma('busy_timeout = 5000');
    file = { connection: sqliteAsyncViewConnection(database), users: 0 };
    sqliteFiles.set(path, file);
  }
  file.users += 1;
  return file.connection;
}

async function closeSqliteFile(path: string): Promise<void> {
  const file = sqliteFiles.get(path);
  if (file === undefined) return;
  file.users -= 1;
  if (file.users > 0) return;
  sqliteFiles.delete(path);
  await file.connection.close();
}

/**
 * `sqlite:` hubs: each site's views in a file beside the hub's (`hub.db.site-<id>.views.db`), derived
 * from the hub's events and rebuilt from them if deleted. BEGIN IMMEDIATE is the claim.
 */
function sqliteSiteViews(file: string): SiteViewStore {
  const paths = new Map<string, string>();
  return {
    connection: (siteId) => {
      const path = join(dirname(file), `${basename(file)}.site-${siteId}.views.db`);
      if (paths.has(siteId)) return sqliteFiles.get(path)!.connection;
      paths.set(siteId, path);
      return openSqliteFile(path);
    },
    claim: async () => true,
    close: async () => {
      for (const path of paths.values()) await closeSqliteFile(path);
      paths.clear();
    },
  };
}

/** The sites' views for the hub database `url` (`postgres://…` or `sqlite:<file>`). */
export function openSiteViewStore(url: string): SiteViewStore {
  return url.startsWith('sqlite:') ? sqliteSiteViews(url.slice('sqlite:'.length)) : postgresSiteViews(url);
}
