import {
  connectivityPrinterOf,
  evolveInternet,
  evolvePrinter,
  type InternetConnectivity,
  initialInternet,
  type PrinterRecord,
} from '@bonrelay/domain';
import { sql as sqlTag } from 'kysely';
import { sql, statementOf } from '../sql-builder.ts';
import type { TableView } from '../table-view.ts';
import type { ViewConnection } from '../view-connection.ts';
import type { InternetTable, PrintersTable } from '../view-schema.ts';
import {
  internetColumns,
  internetFromRow,
  internetRow,
  printerColumns,
  printerFromRow,
  printerRow,
  valuesOf,
} from './connectivity-rows.ts';

const ddl = [
  sql.schema
    .createTable('printers')
    .ifNotExists()
    .addColumn('printer', 'text', (column) => column.primaryKey())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('since', 'text', (column) => column.notNull())
    .addColumn('reason', 'text', (column) => column.notNull())
    .addColumn('latency_ms', 'integer')
    .addColumn('breaker', 'text', (column) => column.notNull())
    .addColumn('breaker_since', 'text')
    .addColumn('breaker_changes', 'integer', (column) => column.notNull())
    .addColumn('consecutive_failures', 'integer', (column) => column.notNull())
    .addColumn('paused_by', 'text'),
  sql.schema
    .createTable('internet')
    .ifNotExists()
    .addColumn('id', 'integer', (column) => column.primaryKey())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('since', 'text')
    .addColumn('failed_targets', 'text', (column) => column.notNull()),
].map((statement) => `${statementOf(statement)};`);

const upsertPrinter = statementOf(
  sql
    .insertInto('printers')
    .values(
      printerRow({
        printer: '',
        status: 'unknown',
        since: '',
        reason: '',
        breaker: 'closed',
        breakerChanges: 0,
        consecutiveFailures: 0,
      }),
    )
    .onConflict((conflict) =>
      conflict
        .column('printer')
        .doUpdateSet((excluded) =>
          Object.fromEntries(
            printerColumns
              .filter((column) => column !== 'printer')
              .map((column) => [column, excluded.ref(`excluded.${column}`)]),
          ),
        ),
    ),
);
const upsertInternet = statementOf(
  sql
    .insertInto('internet')
    .values(internetRow(initialInternet))
    .onConflict((conflict) =>
      conflict
        .column('id')
        .doUpdateSet((excluded) =>
          Object.fromEntries(
            internetColumns
              .filter((column) => column !== 'id')
              .map((column) => [column, excluded.ref(`excluded.${column}`)]),
          ),
        ),
    ),
);
const selectPrinter = statementOf(sql.selectFrom('printers').selectAll().where('printer', '=', ''));
const selectInternet = statementOf(
  sql.selectFrom('internet').selectAll().where(sqlTag.ref('id'), '=', sqlTag.lit(1)),
);

/**
 * Connectivity as tables: one row per printer and the internet's one row, each evolved by the
 * domain. A batch reads each printer it touches once, folds its events, and writes each changed row
 * once; nothing is read for a batch that moves no printer and not the internet.
 */
export const connectivityView: TableView = {
  name: 'connectivity',
  version: 1,
  create: (connection) => connection.exec(ddl.join('\n')),
  drop: (connection) => connection.exec('DROP TABLE IF EXISTS printers; DROP TABLE IF EXISTS internet;'),
  writer: (connection: ViewConnection) => {
    const readPrinter = connection.prepare<PrintersTable>(selectPrinter);
    const readInternet = connection.prepare<InternetTable>(selectInternet);
    const writePrinter = connection.prepare(upsertPrinter);
    const writeInternet = connection.prepare(upsertInternet);
    return (events) => {
      const printers = new Map<
        string,
        { before: PrinterRecord | undefined; after: PrinterRecord | undefined }
      >();
      let internet: { before: InternetConnectivity; after: InternetConnectivity } | undefined;
      for (const event of events) {
        const printer = connectivityPrinterOf(event);
        if (printer !== undefined) {
          let entry = printers.get(printer);
          if (entry === undefined) {
            const row = readPrinter.get(printer);
            const before = row === undefined ? undefined : printerFromRow(row);
            entry = { before, after: before };
            printers.set(printer, entry);
          }
          entry.after = evolvePrinter(entry.after, event);
        } else if (event.type === 'InternetStatusChanged') {
          if (internet === undefined) {
            const row = readInternet.get();
            const before = row === undefined ? initialInternet : internetFromRow(row);
            internet = { before, after: before };
          }
          internet.after = evolveInternet(internet.after, event);
        }
      }
      for (const { before, after } of printers.values())
        if (after !== undefined && after !== before)
          writePrinter.run(...valuesOf(printerColumns, printerRow(after)));
      if (internet && internet.after !== internet.before)
        writeInternet.run(...valuesOf(internetColumns, internetRow(internet.after)));
    };
  },
};
