import type { Kysely } from 'kysely';
import { type HubAlertTables, migrateHubAlerts } from './hub-alert-tables.ts';
import type { HubTables } from './hub-tables.ts';

/**
 * Creates the hub's tables if they are missing. Built with kysely's schema builder and portable
 * types only, so the same hub runs on PostgreSQL in production and on SQLite in quick tests.
 * Every replica runs it at start; `if not exists` makes that harmless.
 */
export async function migrateHub(db: Kysely<HubTables>): Promise<void> {
  await db.schema
    .createTable('hub_sites')
    .ifNotExists()
    .addColumn('site_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('wix_instance', 'varchar(200)', (c) => c.unique())
    .addColumn('added_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('hub_site_events')
    .ifNotExists()
    .addColumn('site_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .addColumn('id', 'varchar(300)', (c) => c.notNull())
    .addColumn('stream', 'varchar(300)', (c) => c.notNull())
    .addColumn('stream_version', 'integer', (c) => c.notNull())
    .addColumn('type', 'varchar(100)', (c) => c.notNull())
    .addColumn('schema_version', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('metadata', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .addPrimaryKeyConstraint('hub_site_events_pk', ['site_id', 'position'])
    .addUniqueConstraint('hub_site_events_id', ['site_id', 'id'])
    .execute();
  await db.schema
    .createTable('hub_site_summary')
    .ifNotExists()
    .addColumn('site_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('acknowledged_position', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('last_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('last_contact_at', 'varchar(40)')
    .addColumn('last_event_at', 'varchar(40)')
    .addColumn('internet', 'varchar(20)', (c) => c.notNull().defaultTo('unknown'))
    .addColumn('printers', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('queue_depth', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('refused_at', 'varchar(40)')
    .addColumn('refused_reason', 'text')
    .addColumn('routed_orders', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('order_cursor', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('hub_site_open_jobs')
    .ifNotExists()
    .addColumn('site_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('job_id', 'varchar(300)', (c) => c.notNull())
    .addPrimaryKeyConstraint('hub_site_open_jobs_pk', ['site_id', 'job_id'])
    .execute();
  await db.schema
    .createTable('hub_routed_orders')
    .ifNotExists()
    .addColumn('site_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('sequence', 'bigint', (c) => c.notNull())
    .addColumn('webhook_id', 'varchar(300)', (c) => c.notNull())
    .addColumn('order_id', 'varchar(300)')
    .addColumn('webhook', 'text', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('received_at', 'varchar(40)', (c) => c.notNull())
    .addPrimaryKeyConstraint('hub_routed_orders_pk', ['site_id', 'sequence'])
    .addUniqueConstraint('hub_routed_orders_webhook', ['site_id', 'webhook_id'])
    .execute();
  await db.schema
    .createTable('hub_events')
    .ifNotExists()
    .addColumn('id', 'varchar(300)', (c) => c.primaryKey())
    .addColumn('type', 'varchar(100)', (c) => c.notNull())
    .addColumn('site_id', 'varchar(64)')
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await migrateHubAlerts(db.withTables<HubAlertTables>());
}
