import { type PrinterAtStart, printableStatuses } from '@bonrelay/domain';
import type { EventStore } from '@bonrelay/event-store';
import type { ConnectivityQueries, ViewProjector } from '@bonrelay/views';

/**
 * What a saga learns about its printer when it (re)starts: status and breaker from the printers
 * table instead of a replay of the log. Breaker changes are numbered from the log's end: every one
 * already in the log carries a number at or below its own position, so a new one never collides.
 */
export function printerAtStart(
  views: {
    readonly connectivity: Pick<ConnectivityQueries, 'printer'>;
    readonly tables: Pick<ViewProjector, 'position'>;
  },
  store: Pick<EventStore, 'lastPosition'>,
  printer: string,
): PrinterAtStart {
  const position = views.tables.position();
  const known = views.connectivity.printer(printer);
  const status = known?.status ?? 'unknown';
  return {
    status,
    breaker: known?.breaker ?? 'closed',
    ...(known && printableStatuses.includes(status) ? { backSince: known.since } : {}),
    breakerSerial: store.lastPosition(),
    position,
  };
}
