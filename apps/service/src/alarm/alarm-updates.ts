import type { LiveUpdate } from '@bonrelay/api';
import { openUnreadableOrders, type UnreadableOrders } from '@bonrelay/domain';
import {
  auditTime,
  defer,
  distinctUntilChanged,
  EMPTY,
  expand,
  map,
  merge,
  type Observable,
  of,
  type SchedulerLike,
  switchMap,
  timer,
} from 'rxjs';
import type { BonrelayViews } from '../projections/bonrelay-views.ts';
import type { WebhookPathWatch } from '../webhook-path/webhook-path-watch.ts';
import { type AlarmState, alarmState } from './alarm-reasons.ts';

export interface AlarmOptions {
  readonly views: Pick<BonrelayViews, 'connectivity' | 'jobs' | 'tables'>;
  readonly unreadable: { state(): UnreadableOrders; readonly changes$: Observable<unknown> };
  /** The catch-up's judgement of the webhook path: an open gap sounds the alarm. */
  readonly webhookPath: Pick<WebhookPathWatch, 'state' | 'changes$'>;
  readonly scheduler: SchedulerLike;
  readonly soundAfterMs: number;
  readonly throttleMs: number;
  /** The dashboard's locale, which words the reasons. */
  readonly locale: string;
}

/**
 * What the dashboard hears of its alarm: whether to sound and why, at once on connecting, again
 * whenever a table commits, an unreadable order or a delivery gap opens or closes, and at the
 * moment a down printer's tickets have waited long enough (no commit marks that moment).
 */
export function alarmUpdates(options: AlarmOptions): Observable<LiveUpdate> {
  const { views, scheduler } = options;
  const now = () => new Date(scheduler.now());
  const current = (): AlarmState =>
    alarmState({
      printers: Object.values(views.connectivity.status().printers),
      backlog: views.jobs.backlog(),
      deliveryGap: options.webhookPath.state().gap,
      unreadable: openUnreadableOrders(options.unreadable.state()).filter(
        (open) => open.fetchError !== undefined,
      ).length,
      now: now(),
      soundAfterMs: options.soundAfterMs,
      locale: options.locale,
    });
  const changes = merge(
    views.tables.committed$,
    options.unreadable.changes$,
    options.webhookPath.changes$,
  ).pipe(auditTime(options.throttleMs, scheduler));
  return defer(() => merge(of(0), changes)).pipe(
    switchMap(() =>
      of(current()).pipe(
        expand((state) =>
          state.recheckAt === undefined
            ? EMPTY
            : timer(Math.max(0, Date.parse(state.recheckAt) - scheduler.now()), scheduler).pipe(map(current)),
        ),
      ),
    ),
    map(({ sounding, reasons }) => ({ sounding, reasons })),
    distinctUntilChanged((before, after) => JSON.stringify(before) === JSON.stringify(after)),
    map((data) => ({ event: 'alarm', data })),
  );
}
