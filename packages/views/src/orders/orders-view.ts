import {
  type BusinessDayConfig,
  type BusinessDayCounter,
  checkBusinessDayConfig,
  evolveBusinessDay,
  evolveOrder,
  type OrderView,
  orderIdsOf,
  receiptDayOf,
} from '@bonrelay/domain';
import { sql, statementOf } from '../sql-builder.ts';
import type { TableView } from '../table-view.ts';
import type { ViewConnection } from '../view-connection.ts';
import type { BusinessDaysTable, OrdersTable } from '../view-schema.ts';
import { orderColumns, orderFromRow, orderRow, orderValues } from './order-rows.ts';
import { type PersonalDataSealer, plainPersonalData } from './personal-data-sealer.ts';

const ddl = [
  sql.schema
    .createTable('orders')
    .ifNotExists()
    .addColumn('order_id', 'text', (column) => column.primaryKey())
    .addColumn('sequence', 'bigint', (column) => column.notNull())
    .addColumn('number', 'text')
    .addColumn('source', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('payment_status', 'text')
    .addColumn('ticket_number', 'integer', (column) => column.notNull())
    .addColumn('business_day', 'text', (column) => column.notNull())
    .addColumn('received_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addColumn('canceled', 'integer', (column) => column.notNull())
    .addColumn('cancel_reason', 'text')
    .addColumn('customer_id', 'text')
    .addColumn('order_data', 'text', (column) => column.notNull())
    .addColumn('personal', 'text'),
  // Newest first, a page at a time: the keyset cursor is the receipt's log position.
  sql.schema.createIndex('orders_by_sequence').ifNotExists().unique().on('orders').columns(['sequence']),
  sql.schema.createIndex('orders_by_source').ifNotExists().on('orders').columns(['source', 'sequence']),
  sql.schema
    .createTable('business_days')
    .ifNotExists()
    .addColumn('business_day', 'text', (column) => column.primaryKey())
    .addColumn('last_ticket_number', 'integer', (column) => column.notNull()),
].map((statement) => `${statementOf(statement)};`);

const sample: OrdersTable = Object.fromEntries(orderColumns.map((column) => [column, null])) as never;

const upsertOrder = statementOf(
  sql
    .insertInto('orders')
    .values(sample)
    .onConflict((conflict) =>
      conflict
        .column('order_id')
        .doUpdateSet((excluded) =>
          Object.fromEntries(
            orderColumns
              .filter((column) => column !== 'order_id')
              .map((column) => [column, excluded.ref(`excluded.${column}`)]),
          ),
        ),
    ),
);
const selectOrder = statementOf(sql.selectFrom('orders').selectAll().where('order_id', '=', ''));
const upsertDay = statementOf(
  sql
    .insertInto('business_days')
    .values({ business_day: '', last_ticket_number: 0 })
    .onConflict((conflict) =>
      conflict.column('business_day').doUpdateSet((excluded) => ({
        last_ticket_number: excluded.ref('excluded.last_ticket_number'),
      })),
    ),
);
const selectDay = statementOf(sql.selectFrom('business_days').selectAll().where('business_day', '=', ''));

export interface OrdersViewOptions {
  /** Where one business day ends and the next begins: the daily ticket numbers restart there. */
  readonly businessDay: BusinessDayConfig;
  /** How the guests' personal fields are kept at rest (the service seals them per guest). */
  readonly personalData?: PersonalDataSealer;
}

interface Change<T> {
  before: T | undefined;
  after: T | undefined;
}

/**
 * The orders as tables: one row per order and one ticket counter per business day, kept by one
 * writer with one checkpoint, because a number is handed out by the counter and stored on the order
 * in the same step (rebuilt apart, they could disagree). A batch reads each touched row once, folds
 * its events through the domain's `evolveOrder`, and writes each changed row once.
 */
export function ordersView(options: OrdersViewOptions): TableView {
  const config = checkBusinessDayConfig(options.businessDay);
  const personalData = options.personalData ?? plainPersonalData;
  return {
    name: 'orders',
    version: 1,
    create: (connection) => connection.exec(ddl.join('\n')),
    drop: (connection) => connection.exec('DROP TABLE IF EXISTS orders; DROP TABLE IF EXISTS business_days;'),
    writer: (connection: ViewConnection) => {
      const readOrder = connection.prepare<OrdersTable>(selectOrder);
      const writeOrder = connection.prepare(upsertOrder);
      const readDay = connection.prepare<BusinessDaysTable>(selectDay);
      const writeDay = connection.prepare(upsertDay);
      return (events) => {
        const orders = new Map<string, Change<OrderView>>();
        const days = new Map<string, Change<BusinessDayCounter>>();
        const orderChange = (orderId: string) => {
          let change = orders.get(orderId);
          if (change === undefined) {
            const row = readOrder.get(orderId);
            const before = row === undefined ? undefined : orderFromRow(row, personalData);
            change = { before, after: before };
            orders.set(orderId, change);
          }
          return change;
        };
        const dayChange = (businessDay: string) => {
          let change = days.get(businessDay);
          if (change === undefined) {
            const row = readDay.get(businessDay);
            const before =
              row === undefined ? undefined : { businessDay, lastTicketNumber: row.last_ticket_number };
            change = { before, after: before };
            days.set(businessDay, change);
          }
          return change;
        };
        for (const event of events) {
          const ids = orderIdsOf(event);
          if (ids.length === 0) continue;
          const businessDay = receiptDayOf(event, config);
          for (const orderId of ids) {
            const order = orderChange(orderId);
            const day = businessDay === undefined ? undefined : dayChange(businessDay);
            const after = evolveOrder(order.after, event, config, day?.after);
            if (day !== undefined && order.after === undefined && after !== undefined) {
              day.after = evolveBusinessDay(day.after, event, config);
            }
            order.after = after;
          }
        }
        for (const { before, after } of orders.values()) {
          if (after !== undefined && after !== before)
            writeOrder.run(...orderValues(orderRow(after, personalData)));
        }
        for (const { before, after } of days.values()) {
          if (after !== undefined && after !== before)
            writeDay.run(after.businessDay, after.lastTicketNumber);
        }
      };
    },
  };
}
