import type { AnyDomainEvent, BusinessDayConfig, BusinessDayCounter, OrderView } from '../../src/index.ts';
import { evolveBusinessDay, evolveOrder, orderIdsOf, receiptDayOf } from '../../src/index.ts';
import type { Reducer } from './given-when-then.ts';

/** The orders table and its day counters as plain records: what the evolve functions are folded into. */
export interface OrderRows {
  readonly orders: Readonly<Record<string, OrderView>>;
  readonly days: Readonly<Record<string, BusinessDayCounter>>;
}

export const noOrders: OrderRows = { orders: {}, days: {} };

/** Calendar days at midnight UTC, for specifications that are not about the day boundary. */
export const utcMidnight: BusinessDayConfig = { dayStartsAt: '00:00', timeZone: 'UTC' };

/** Folds events the way the table writer does: each touched row evolves, a new order takes the day's next number. */
export function orderRows(config: BusinessDayConfig = utcMidnight): Reducer<OrderRows, AnyDomainEvent> {
  return (rows, event) => {
    let { orders, days } = rows;
    const day = receiptDayOf(event, config);
    for (const orderId of orderIdsOf(event)) {
      const before = orders[orderId];
      const counter = day === undefined ? undefined : days[day];
      const after = evolveOrder(before, event, config, counter);
      if (after === before || after === undefined) continue;
      orders = { ...orders, [orderId]: after };
      if (day !== undefined && before === undefined) {
        days = { ...days, [day]: evolveBusinessDay(counter, event, config) as BusinessDayCounter };
      }
    }
    return orders === rows.orders ? rows : { orders, days };
  };
}
