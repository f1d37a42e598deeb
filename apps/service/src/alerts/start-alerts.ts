import {
  backoffCeiling,
  type EventToAppend,
  eventToAppend,
  streams,
  unreadableOrdersNeedingAttention,
} from '@bonrelay/domain';
import type { EventStore } from '@bonrelay/event-store';
import { toDomainEvent } from '@bonrelay/views';
import { EMPTY, interval, merge, type Observable, type SchedulerLike, type Subscription } from 'rxjs';
import type { Config } from '../config/index.ts';
import { oneAtATime } from '../one-at-a-time.ts';
import type { BonrelayViews } from '../projections/bonrelay-views.ts';
import type { UnreadableOrdersView } from '../unreadable/index.ts';
import { type AlertLog, alertEventTypes, initialAlertLog, reduceAlertLog } from './alert-log.ts';
import type { WixHealthSnapshot } from './alert-types.ts';
import { decideAlerts } from './decide-alerts.ts';
import { postAlert } from './post-alert.ts';

export interface AlertsOptions {
  readonly config: Config['alerts'];
  readonly views: Pick<BonrelayViews, 'connectivity' | 'jobs' | 'tables'>;
  /** Orders Wix sent that could neither be read nor fetched; each gets an alert of its own. */
  readonly unreadable?: Pick<UnreadableOrdersView, 'state' | 'changes$'>;
  /** The Wix path's health (webhook gap, clock skew); its changes trigger a look. */
  readonly wix?: { state(): WixHealthSnapshot; readonly changes$: Observable<unknown> };
  readonly store: EventStore;
  readonly scheduler: SchedulerLike;
  readonly clock: () => Date;
  /** The restaurant's zone, so an alert says "since 19:40" rather than an ISO time. */
  readonly timeZone?: string;
  readonly fetch?: typeof fetch;
  /** Told when recording an alert fact fails (the log is full or closed); the next check retries. */
  readonly onError?: (error: unknown) => void;
}

export interface RunningAlerts {
  /** Looks at the views now, outside the timer (after a manual connectivity check, say). */
  checkNow(): void;
  /** Stops checking, cancels waiting retries and abandons attempts in flight (a restart resumes them). */
  stop(): void;
}

/**
 * Watches the views for trouble staff must hear about, records each alert in the log and sends it
 * to the outgoing webhook with backoff. It starts from what the log says, so a restart neither
 * repeats an open alert nor forgets a notice that had not got through.
 */
export function startAlerts(options: AlertsOptions): RunningAlerts {
  const { config, views, unreadable, store, scheduler, clock } = options;
  const send = options.fetch ?? fetch;
  const retries = new Map<string, Subscription>();
  const inFlight = new Set<string>();
  const abandon = new AbortController();
  let log: AlertLog = initialAlertLog;
  for (const event of store.read({ types: alertEventTypes })) log = reduceAlertLog(log, toDomainEvent(event));
  let stopped = false;

  const record = (events: readonly EventToAppend[]): boolean => {
    try {
      for (const event of store.append(events).appended) log = reduceAlertLog(log, toDomainEvent(event));
      return true;
    } catch (error) {
      options.onError?.(error);
      return false;
    }
  };

  const attempt = (key: string) => {
    const notice = log.pending[key];
    if (stopped || !config.webhookUrl || !notice || inFlight.has(key) || retries.has(key)) return;
    inFlight.add(key);
    const number = notice.attempts + 1;
    const { alertId } = notice.alert;
    void postAlert(notice, {
      url: config.webhookUrl,
      token: config.webhookToken,
      timeoutMs: config.deliveryTimeoutMs,
      locale: config.locale,
      scheduler,
      fetch: send,
      signal: abandon.signal,
    }).then((outcome) => {
      inFlight.delete(key);
      if (stopped) return;
      const id = `${alertId}:${notice.notice}:${number}`;
      if (outcome.ok) {
        record([
          eventToAppend('AlertDelivered', streams.alert(alertId), `alert-delivered:${id}`, {
            alertId,
            attempt: number,
            notice: notice.notice,
          }),
        ]);
        return;
      }
      const final = number >= config.retry.maxAttempts;
      // One sender, one receiver: no crowd to spread out, so no jitter; staff can predict the next try.
      const delay = backoffCeiling(number, config.retry);
      const recorded = record([
        eventToAppend('AlertDeliveryFailed', streams.alert(alertId), `alert-delivery-failed:${id}`, {
          alertId,
          attempt: number,
          error: outcome.error,
          final,
          notice: notice.notice,
          ...(final ? {} : { nextAttemptAt: new Date(clock().getTime() + delay).toISOString() }),
        }),
      ]);
      if (final || !recorded) return;
      retries.set(
        key,
        scheduler.schedule(() => {
          retries.delete(key);
          attempt(key);
        }, delay),
      );
    });
  };

  const deliverPending = () => {
    for (const key of Object.keys(log.pending)) attempt(key);
  };

  const lookOnce = () => {
    if (stopped) return;
    const snapshot = {
      connectivity: views.connectivity.status(),
      backlog: views.jobs.backlog(),
      unreadable: unreadable ? unreadableOrdersNeedingAttention(unreadable.state()) : [],
      ...(options.wix ? { wix: options.wix.state() } : {}),
    };
    const rules = options.timeZone ? { ...config, timeZone: options.timeZone } : config;
    const decision = decideAlerts(log.state, snapshot, clock(), rules);
    if (decision.raise.length + decision.clear.length === 0) return;
    const events = [
      ...decision.raise.map((alert) =>
        eventToAppend('AlertRaised', streams.alert(alert.alertId), `alert-raised:${alert.alertId}`, alert),
      ),
      ...decision.clear.map(({ alertId, kind, subject }) =>
        eventToAppend('AlertCleared', streams.alert(alertId), `alert-cleared:${alertId}`, {
          alertId,
          kind,
          subject,
        }),
      ),
    ];
    if (record(events)) deliverPending();
  };
  // Appending moves the views, which call back here: finish this look first, then look once more.
  const looks = oneAtATime<void>(lookOnce, (error) => options.onError?.(error));
  const check = () => {
    if (looks.waiting() === 0) looks.take();
  };

  deliverPending();
  const subscription = merge(
    views.tables.committed$,
    unreadable?.changes$ ?? EMPTY,
    options.wix?.changes$ ?? EMPTY,
    interval(config.checkIntervalMs, scheduler),
  ).subscribe(check);

  return {
    checkNow: check,
    stop: () => {
      stopped = true;
      subscription.unsubscribe();
      for (const retry of retries.values()) retry.unsubscribe();
      retries.clear();
      abandon.abort();
    },
  };
}
