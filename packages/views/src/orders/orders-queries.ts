import type { OrderView } from '@bonrelay/domain';
import { sql as sqlTag } from 'kysely';
import { sql, statementOf } from '../sql-builder.ts';
import type { ViewConnection } from '../view-connection.ts';
import type { OrdersTable } from '../view-schema.ts';
import { orderFromRow } from './order-rows.ts';
import { type PersonalDataSealer, plainPersonalData } from './personal-data-sealer.ts';

/** What the API may filter the order list by; `before` is the keyset cursor (a receipt's position). */
export interface OrderFilter {
  readonly limit: number;
  readonly before?: number;
  readonly source?: string;
  /** Orders with at least one ticket (print job) in this state. */
  readonly state?: string;
}

/** One page of orders, newest first; `next` continues after the last one, null at the end. */
export interface OrderPage {
  readonly orders: readonly OrderView[];
  readonly next: number | null;
}

/** The questions the API, the dashboard, tickets, cancellations and reconciliation ask of the orders. */
export interface OrderQueries {
  order(orderId: string): OrderView | undefined;
  list(filter: OrderFilter): OrderPage;
  /** The newest orders: the dashboard's live list, reconciliation's starting point. */
  recent(limit: number): readonly OrderView[];
  exists(orderId: string): boolean;
  /** How many orders the table holds (an audit's figure; it counts, so not for hot paths). */
  count(): number;
}

const statements = {
  order: statementOf(sql.selectFrom('orders').selectAll().where('order_id', '=', '')),
  exists: statementOf(sql.selectFrom('orders').select(sqlTag.lit(1).as('found')).where('order_id', '=', '')),
  count: statementOf(sql.selectFrom('orders').select((select) => select.fn.countAll().as('orders'))),
};

function listStatement(filter: OrderFilter): { text: string; parameters: unknown[] } {
  let query = sql.selectFrom('orders').selectAll('orders');
  if (filter.before !== undefined) query = query.where('orders.sequence', '<', filter.before);
  if (filter.source !== undefined) query = query.where('orders.source', '=', filter.source);
  const { state } = filter;
  if (state !== undefined) {
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('print_jobs')
          .select(sqlTag.lit(1).as('found'))
          .whereRef('print_jobs.order_id', '=', 'orders.order_id')
          .where('print_jobs.state', '=', state),
      ),
    );
  }
  // One more than asked: whether it comes says if there is a next page, without a second query.
  const compiled = query
    .orderBy('orders.sequence', 'desc')
    .limit(filter.limit + 1)
    .compile();
  return { text: compiled.sql, parameters: [...compiled.parameters] };
}

/** Reads the orders table through its indexes, each guest's personal fields opened by the port. */
export function orderQueries(
  connection: ViewConnection,
  personalData: PersonalDataSealer = plainPersonalData,
): OrderQueries {
  const list = (filter: OrderFilter): OrderPage => {
    const { text, parameters } = listStatement(filter);
    const rows = connection.prepare<OrdersTable>(text).all(...parameters);
    const page = rows.slice(0, filter.limit).map((row) => orderFromRow(row, personalData));
    const last = page[page.length - 1];
    return { orders: page, next: rows.length > filter.limit && last ? last.sequence : null };
  };
  return {
    order: (orderId) => {
      const row = connection.prepare<OrdersTable>(statements.order).get(orderId);
      return row === undefined ? undefined : orderFromRow(row, personalData);
    },
    list,
    recent: (limit) => list({ limit }).orders,
    exists: (orderId) => connection.prepare(statements.exists).get(orderId) !== undefined,
    count: () => connection.prepare<{ orders: number }>(statements.count).get()?.orders ?? 0,
  };
}
