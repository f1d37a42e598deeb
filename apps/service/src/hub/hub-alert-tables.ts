import { type Kysely, sql } from 'kysely';

/**
 * An alert the hub raised (an unroutable order, a refused site). At most one is open per kind and
 * subject, enforced by a partial unique index, so two replicas seeing the same trouble raise it once.
 */
export interface HubAlertTable {
  alert_id: string;
  kind: string;
  subject: string;
  message: string;
  raised_at: string;
  cleared_at: string | null;
}

/**
 * One notice (raised or cleared) for one channel (webhook or e-mail), waiting, sent or given up.
 * A replica sends a notice only after claiming it for a while (`claimed_until`), so a notice goes out
 * once however many replicas look, and one a crashed replica held is taken up after the claim runs out.
 */
export interface HubAlertNoticeTable {
  alert_id: string;
  notice: string;
  channel: string;
  at: string;
  attempts: number;
  state: 'pending' | 'delivered' | 'failed' | 'dropped';
  next_attempt_at: string;
  claimed_until: string | null;
}

// A type alias, not an interface: kysely's `withTables` wants an index-signature-compatible shape.
export type HubAlertTables = {
  hub_alerts: HubAlertTable;
  hub_alert_notices: HubAlertNoticeTable;
};

/** Creates the hub's alert tables if missing (portable types, run by every replica at start). */
export async function migrateHubAlerts(db: Kysely<HubAlertTables>): Promise<void> {
  await db.schema
    .createTable('hub_alerts')
    .ifNotExists()
    .addColumn('alert_id', 'varchar(300)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('subject', 'varchar(300)', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('cleared_at', 'varchar(40)')
    .execute();
  await db.schema
    .createIndex('hub_alerts_open')
    .ifNotExists()
    .unique()
    .on('hub_alerts')
    .columns(['kind', 'subject'])
    .where(sql.ref('cleared_at'), 'is', null)
    .execute();
  await db.schema
    .createTable('hub_alert_notices')
    .ifNotExists()
    .addColumn('alert_id', 'varchar(300)', (c) => c.notNull())
    .addColumn('notice', 'varchar(10)', (c) => c.notNull())
    .addColumn('channel', 'varchar(10)', (c) => c.notNull())
    .addColumn('at', 'varchar(40)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('state', 'varchar(10)', (c) => c.notNull())
    .addColumn('next_attempt_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('claimed_until', 'varchar(40)')
    .addPrimaryKeyConstraint('hub_alert_notices_pk', ['alert_id', 'notice', 'channel'])
    .execute();
  await db.schema
    .createIndex('hub_alert_notices_due')
    .ifNotExists()
    .on('hub_alert_notices')
    .columns(['state', 'next_attempt_at'])
    .execute();
}
