import { sql as sqlTag } from 'kysely';
import { sql, statementOf } from '../sql-builder.ts';
import type { ViewConnection } from '../view-connection.ts';

/** The figures of one business day the owner's summary reads beside the outages. */
export interface DailyFigureQueries {
  /** Orders received on the business day: its last ticket number, as the kitchen counted them. */
  ordersOn(businessDay: string): number;
  /** Tickets staff asked to print again, queued in `[from, to)` (ISO 8601). */
  reprintedBetween(from: string, to: string): number;
}

const statements = {
  ordersOn: statementOf(
    sql.selectFrom('business_days').select('last_ticket_number').where('business_day', '=', ''),
  ),
  reprinted: statementOf(
    sql
      .selectFrom('print_jobs')
      .select((select) => select.fn.countAll<number>().as('reprinted'))
      .where(sqlTag.ref('reprint'), '=', sqlTag.lit(1))
      .where('queued_at', '>=', '')
      .where('queued_at', '<', ''),
  ),
};

/**
 * Asked once a day, at the day's end: the orders come from the business days table (one row per
 * day), the reprints from one count over the jobs table.
 */
export function dailyFigureQueries(connection: ViewConnection): DailyFigureQueries {
  return {
    ordersOn: (businessDay) =>
      Number(
        connection.prepare<{ last_ticket_number: number }>(statements.ordersOn).get(businessDay)
          ?.last_ticket_number ?? 0,
      ),
    reprintedBetween: (from, to) =>
      Number(connection.prepare<{ reprinted: number }>(statements.reprinted).get(from, to)?.reprinted ?? 0),
  };
}
