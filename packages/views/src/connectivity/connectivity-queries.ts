import {
  type ConnectivityView,
  type InternetConnectivity,
  initialInternet,
  type PrinterConnectivity,
  type PrinterRecord,
  printerConnectivity,
} from '@bonrelay/domain';
import { sql as sqlTag } from 'kysely';
import {
  type OfflinePeriodQueries,
  offlinePeriodQueries,
} from '../offline-periods/offline-periods-queries.ts';
import { sql, statementOf } from '../sql-builder.ts';
import type { ViewConnection } from '../view-connection.ts';
import type { InternetTable, PrintersTable } from '../view-schema.ts';
import { internetFromRow, printerFromRow } from './connectivity-rows.ts';

/**
 * What the status page, the mode, the alerts, the monitors and the saga ask about connectivity, and
 * what the audit, the API and metrics ask about outages.
 */
export interface ConnectivityQueries extends OfflinePeriodQueries {
  /** Every printer heard of, by name, as the status page shows them. */
  printers(): PrinterConnectivity[];
  /** One printer's row with the saga's counters: where its saga resumes. */
  printer(name: string): PrinterRecord | undefined;
  internet(): InternetConnectivity;
  /** Printers and internet together: what `connectivityMode` and `connectivityWarnings` read. */
  status(): ConnectivityView;
}

const statements = {
  printers: statementOf(sql.selectFrom('printers').selectAll().orderBy('printer')),
  printer: statementOf(sql.selectFrom('printers').selectAll().where('printer', '=', '')),
  internet: statementOf(sql.selectFrom('internet').selectAll().where(sqlTag.ref('id'), '=', sqlTag.lit(1))),
};

/**
 * Reads the `printers` and `internet` tables (a handful of rows; every question is one statement)
 * and the offline periods table.
 */
export function connectivityQueries(connection: ViewConnection): ConnectivityQueries {
  const printers = () =>
    connection
      .prepare<PrintersTable>(statements.printers)
      .all()
      .map((row) => printerConnectivity(printerFromRow(row)));
  const internet = () => {
    const row = connection.prepare<InternetTable>(statements.internet).get();
    return row === undefined ? initialInternet : internetFromRow(row);
  };
  return {
    ...offlinePeriodQueries(connection),
    printers,
    printer: (name) => {
      const row = connection.prepare<PrintersTable>(statements.printer).get(name);
      return row === undefined ? undefined : printerFromRow(row);
    },
    internet,
    status: () => ({
      printers: Object.fromEntries(printers().map((printer) => [printer.printer, printer])),
      internet: internet(),
    }),
  };
}
