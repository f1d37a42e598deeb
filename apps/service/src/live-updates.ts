import type { LiveUpdate } from '@bonrelay/api';
import { connectivityMode, connectivityWarnings } from '@bonrelay/domain';
import { auditTime, distinctUntilChanged, map, merge, type Observable, type SchedulerLike } from 'rxjs';
import { ordersWithTickets } from './orders/order-with-tickets.ts';
import type { BonrelayViews } from './projections/bonrelay-views.ts';

/**
 * What the dashboard hears over SSE: the queue, connectivity and recent orders, each pushed when its
 * view commits (at most every `throttleMs`, so a replay burst does not flood a tablet).
 */
export function liveUpdates(
  views: BonrelayViews,
  clock: () => Date,
  throttleMs: number,
  scheduler: SchedulerLike,
): Observable<LiveUpdate> {
  const throttled = <T>(source: Observable<T>) => source.pipe(auditTime(throttleMs, scheduler));
  return merge(
    throttled(views.tables.committed$).pipe(
      map(() => ({ event: 'queue', data: views.jobs.summary(clock()) })),
    ),
    throttled(views.tables.committed$).pipe(
      map(() => views.connectivity.status()),
      // Tables commit for every kind of event; the dashboard hears connectivity only when it moved.
      distinctUntilChanged((before, after) => JSON.stringify(before) === JSON.stringify(after)),
      map((view) => ({
        event: 'connectivity',
        data: {
          mode: connectivityMode(view),
          warnings: connectivityWarnings(view),
          printers: Object.values(view.printers),
          internet: view.internet,
        },
      })),
    ),
    throttled(views.tables.committed$).pipe(
      map(() => ({
        event: 'orders',
        data: ordersWithTickets(views.orders.recent(20), views.jobs.jobsOfOrder),
      })),
    ),
  );
}
