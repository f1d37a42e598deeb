import { rmSync, statSync } from 'node:fs';
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
  /**
   * Removes the site's views altogether (its schema, or its file), waiting for a replica writing
   * them: what `sites remove` does to derived data. Registered again, the site's views are rebuilt.
   */
  drop(siteId: string): Promise<void>;
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
  const connectionOf = (siteId: string) => {
    let connection = connections.get(siteId);
    if (connection === undefined) {
      connection = schemas.inSchema(siteSchema(siteId));
      connections.set(siteId, connection);
    }
    return connection;
  };
  return {
    connection: connectionOf,
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
    drop: async (siteId) => {
      await connectionOf(siteId).transaction(async (trx) => {
        await trx.query(`select pg_advisory_xact_lock(${projectionLock}, hashtext(?))`, [siteId]);
        await trx.exec(`drop schema if exists "${siteSchema(siteId)}" cascade`);
      });
    },
    close: () => schemas.close(),
  };
}

/**
 * A site's views file is opened once per process, however many hubs in it share the database:
 * better-sqlite3 waits for another connection's write lock by blocking the thread, so a second
 * connection in the same process would stall the one holding it (tests run two replicas in one).
 */
const sqliteFiles = new Map<string, SqliteFile>();

interface SqliteFile {
  readonly path: string;
  readonly connection: AsyncViewConnection;
  /** The file this connection has open: another one at the path means the views were dropped. */
  readonly inode: number | undefined;
  users: number;
}

function inodeOf(path: string): number | undefined {
  return statSync(path, { throwIfNoEntry: false })?.ino;
}

function openSqliteFile(path: string): SqliteFile {
  let file = sqliteFiles.get(path);
  if (file === undefined || file.inode !== inodeOf(path)) {
    const database = new BetterSqlite3(path);
    database.pragma('journal_mode = WAL');
    database.pragma('busy_timeout = 5000');
    file = { path, connection: sqliteAsyncViewConnection(database), inode: inodeOf(path), users: 0 };
    sqliteFiles.set(path, file);
  }
  file.users += 1;
  return file;
}

async function closeSqliteFile(file: SqliteFile): Promise<void> {
  file.users -= 1;
  if (file.users > 0) return;
  if (sqliteFiles.get(file.path) === file) sqliteFiles.delete(file.path);
  await file.connection.close();
}

/**
 * `sqlite:` hubs: each site's views in a file beside the hub's (`hub.db.site-<id>.views.db`), derived
 * from the hub's events and rebuilt from them if deleted. BEGIN IMMEDIATE is the claim. A file
 * removed under a running hub (`sites remove` from another process) is noticed at the next use: the
 * old connection is closed and the new file opened, so nothing keeps writing to a deleted file.
 */
function sqliteSiteViews(file: string): SiteViewStore {
  const files = new Map<string, SqliteFile>();
  const pathOf = (siteId: string) => join(dirname(file), `${basename(file)}.site-${siteId}.views.db`);
  const release = async (siteId: string) => {
    const open = files.get(siteId);
    files.delete(siteId);
    if (open !== undefined) await closeSqliteFile(open);
  };
  return {
    connection: (siteId) => {
      const path = pathOf(siteId);
      const open = files.get(siteId);
      if (open !== undefined && open.inode === inodeOf(path)) return open.connection;
      if (open !== undefined) void release(siteId);
      const opened = openSqliteFile(path);
      files.set(siteId, opened);
      return opened.connection;
    },
    claim: async () => true,
    drop: async (siteId) => {
      await release(siteId);
      const path = pathOf(siteId);
      sqliteFiles.delete(path);
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
    },
    close: async () => {
      for (const siteId of [...files.keys()]) await release(siteId);
    },
  };
}

/** The sites' views for the hub database `url` (`postgres://…` or `sqlite:<file>`). */
export function openSiteViewStore(url: string): SiteViewStore {
  return url.startsWith('sqlite:') ? sqliteSiteViews(url.slice('sqlite:'.length)) : postgresSiteViews(url);
}
