import {
  type Order,
  type OrderSource,
  type OrderView,
  personalValues,
  withoutPersonal,
  withPersonal,
} from '@bonrelay/domain';
import type { OrdersTable } from '../view-schema.ts';
import type { PersonalDataSealer } from './personal-data-sealer.ts';

/** The order of the columns, shared by the writer's statement and its parameters. */
export const orderColumns = [
  'order_id',
  'sequence',
  'number',
  'source',
  'status',
  'payment_status',
  'ticket_number',
  'business_day',
  'received_at',
  'updated_at',
  'canceled',
  'cancel_reason',
  'customer_id',
  'order_data',
  'personal',
] as const satisfies readonly (keyof OrdersTable)[];

/** The row that stores an order: its personal fields split off and sealed for the guest. */
export function orderRow(view: OrderView, personalData: PersonalDataSealer): OrdersTable {
  const values = personalValues(view.order);
  const fields = Object.keys(values);
  const guest = { orderId: view.orderId, ...(view.customerId ? { customerId: view.customerId } : {}) };
  return {
    order_id: view.orderId,
    sequence: view.sequence,
    number: view.number ?? null,
    source: view.source,
    status: view.status,
    payment_status: view.paymentStatus ?? null,
    ticket_number: view.ticketNumber,
    business_day: view.businessDay,
    received_at: view.receivedAt,
    updated_at: view.updatedAt,
    canceled: view.canceled ? 1 : 0,
    cancel_reason: view.cancelReason ?? null,
    customer_id: view.customerId ?? null,
    order_data: JSON.stringify(withoutPersonal(view.order, fields)),
    personal: fields.length === 0 ? null : personalData.seal(values, guest),
  };
}

/** The row's values in column order, for a prepared statement. */
export function orderValues(row: OrdersTable): unknown[] {
  return orderColumns.map((column) => row[column]);
}

/** A stored row read back as the domain's order, its personal fields opened (or `[erased]`). */
export function orderFromRow(row: OrdersTable, personalData: PersonalDataSealer): OrderView {
  const bare = JSON.parse(row.order_data) as Order;
  const guest = { orderId: row.order_id, ...(row.customer_id ? { customerId: row.customer_id } : {}) };
  return {
    orderId: row.order_id,
    ...(row.number === null ? {} : { number: row.number }),
    source: row.source as OrderSource,
    status: row.status,
    ...(row.payment_status === null ? {} : { paymentStatus: row.payment_status }),
    ticketNumber: row.ticket_number,
    businessDay: row.business_day,
    sequence: row.sequence,
    receivedAt: row.received_at,
    updatedAt: row.updated_at,
    canceled: row.canceled === 1,
    ...(row.cancel_reason === null ? {} : { cancelReason: row.cancel_reason }),
    ...(row.customer_id === null ? {} : { customerId: row.customer_id }),
    order: row.personal === null ? bare : withPersonal(bare, personalData.open(row.personal, guest)),
  };
}
