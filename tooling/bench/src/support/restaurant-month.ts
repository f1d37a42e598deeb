import { type EventToAppend, eventToAppend, streams } from '@bonrelay/domain';
import { openEventStore } from '@bonrelay/event-store';
import type { Config } from '../../../../apps/service/src/config/index.ts';
import { arrivalEvents, guestOrder, printedEvents } from './restaurant-orders.ts';

const minute = 60_000;
const hour = 60 * minute;
const printer = 'kitchen';

/** What was written: how many events and orders, and the range they span. */
export interface RestaurantMonth {
  readonly events: number;
  readonly orders: number;
  readonly printerOutages: number;
  readonly internetOutages: number;
  readonly from: string;
  readonly to: string;
}

const printerDown = (at: number) => at % (8 * hour) >= 5 * hour && at % (8 * hour) < 5 * hour + 12 * minute;
const internetDown = (at: number) =>
  at % (24 * hour) >= 13 * hour && at % (24 * hour) < 13 * hour + 20 * minute;

/**
 * Writes `days` of a busy restaurant into a fresh log until it holds about `events` events: orders
 * spread evenly (four in ten deliveries, so three tickets), each printed at once; the printer goes
 * offline for 12 minutes every 8 hours (its tickets wait, one failed attempt each, and print on its
 * return) and the internet for 20 minutes a day. One append per minute of service (status changes,
 * arrivals and prints of that minute), synchronous=OFF while filling: this is setup, not measured.
 */
export function writeRestaurantMonth(
  file: string,
  config: Config,
  events: number,
  days: number,
): RestaurantMonth {
  const start = Date.now() - days * 24 * hour;
  const minutes = days * 24 * 60;
  const perMinute = events / 8.2 / minutes;
  let now = start;
  const store = openEventStore({ file, clock: () => new Date(now) });
  store.connection.pragma('synchronous = OFF');
  let written = 0;
  let orders = 0;
  let printerOutages = 0;
  let internetOutages = 0;
  let printerOffline = false;
  let internetOffline = false;
  let backlog: string[] = [];
  for (let index = 0; written < events && index < minutes * 2; index += 1) {
    now = start + index * minute;
    const batch: EventToAppend[] = [];
    if (printerDown(now) !== printerOffline) {
      printerOffline = !printerOffline;
      if (printerOffline) printerOutages += 1;
      batch.push(
        eventToAppend('PrinterStatusChanged', streams.printer(printer), `printer:${now}`, {
          printer,
          from: printerOffline ? 'online' : 'offline',
          to: printerOffline ? 'offline' : 'online',
          reason: 'probe',
        }),
      );
      if (!printerOffline) batch.push(...backlog.flatMap((jobId) => printedEvents(jobId, printer, 2)));
      backlog = [];
    }
    if (internetDown(now) !== internetOffline) {
      internetOffline = !internetOffline;
      if (internetOffline) internetOutages += 1;
      batch.push(
        eventToAppend('InternetStatusChanged', streams.internet, `internet:${now}`, {
          from: internetOffline ? 'online' : 'offline',
          to: internetOffline ? 'offline' : 'online',
          failedTargets: internetOffline ? ['1.1.1.1:53', '8.8.8.8:53'] : [],
        }),
      );
    }
    for (; orders < (index + 1) * perMinute; orders += 1) {
      const arrival = arrivalEvents(guestOrder(new Date(now).toISOString(), orders % 10 < 4), config, [
        printer,
      ]);
      const jobIds = arrival.flatMap((event) =>
        event.type === 'PrintJobQueued' ? [(event.data as { jobId: string }).jobId] : [],
      );
      batch.push(...arrival);
      if (!printerOffline) {
        batch.push(...jobIds.flatMap((jobId) => printedEvents(jobId, printer, 1)));
        continue;
      }
      backlog.push(...jobIds);
      for (const jobId of jobIds) {
        batch.push(
          eventToAppend('PrintAttemptStarted', streams.printJob(jobId), `attempt:${jobId}:1`, {
            jobId,
            printer,
            attempt: 1,
          }),
          eventToAppend('PrintAttemptFailed', streams.printJob(jobId), `failed:${jobId}:1`, {
            jobId,
            printer,
            attempt: 1,
            failure: 'offline',
            counted: false,
            nextAttemptAt: new Date(now + minute).toISOString(),
          }),
        );
      }
    }
    if (batch.length > 0) written += store.append(batch).appended.length;
  }
  store.close();
  return {
    events: written,
    orders,
    printerOutages,
    internetOutages,
    from: new Date(start).toISOString(),
    to: new Date(now).toISOString(),
  };
}
