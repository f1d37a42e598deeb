import { type ConnectivityView, type PrinterAtStart, printableStatuses } from '@bonrelay/domain';
import type { EventStore } from '@bonrelay/event-store';
import type { LiveView } from '../projections/index.ts';

/**
 * What a saga learns about its printer when it (re)starts: status and breaker from the connectivity
 * view instead of a replay of the log. The one place that reads them, so the view can become a
 * table without the saga noticing. Breaker changes are numbered from the log's end: every one
 * already in the log carries a number at or below its own position, so a new one never collides.
 */
export function printerAtStart(
  views: { readonly connectivity: Pick<LiveView<ConnectivityView>, 'state' | 'position'> },
  store: Pick<EventStore, 'lastPosition'>,
  printer: string,
): PrinterAtStart {
  const known = views.connectivity.state().printers[printer];
  const status = known?.status ?? 'unknown';
  return {
    status,
    breaker: known?.breaker ?? 'closed',
    ...(known && printableStatuses.includes(status) ? { backSince: known.since } : {}),
    breakerSerial: store.lastPosition(),
    position: views.connectivity.position(),
  };
}
