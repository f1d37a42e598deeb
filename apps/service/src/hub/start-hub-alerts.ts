import { backoffCeiling } from '@bonrelay/domain';
import { translatorFor } from '@bonrelay/locale';
import { interval, type SchedulerLike } from 'rxjs';
import type { PendingNotice } from '../alerts/alert-log.ts';
import type { AlertChannel, AlertKind, AlertMailer, AlertNotice } from '../alerts/alert-types.ts';
import { type PostOutcome, postAlert } from '../alerts/post-alert.ts';
import type { Config } from '../config/index.ts';
import type { Logger } from '../logger.ts';
import {
  claimNotice,
  clearHubAlert,
  dueNotices,
  type HubAlertDb,
  raiseHubAlert,
  refusalsOver,
  refusedWithoutAlert,
  settleNotice,
} from './hub-alerts.ts';

export interface HubAlertsOptions {
  readonly db: HubAlertDb;
  readonly config: Config['alerts'];
  readonly locale: string;
  readonly mail: AlertMailer | undefined;
  readonly scheduler: SchedulerLike;
  readonly clock: () => Date;
  readonly logger: Logger;
  readonly fetch?: typeof fetch;
}

export interface UnroutableOrder {
  readonly instanceId: string | undefined;
  readonly orderId: string | undefined;
  readonly webhookId: string;
}

export interface HubAlerts {
  /** An order came for a Wix instance no site registered: one alert per order. */
  orderUnroutable(order: UnroutableOrder): Promise<void>;
  /** Looks now (a refusal just recorded) instead of at the next interval. */
  checkNow(): void;
  stop(): Promise<void>;
}

const noticesPerLook = 50;

/**
 * Sends the hub's own alerts the way a site sends its alerts: by the alert webhook and by e-mail,
 * each with backoff, every delivery and failure in the hub's journal. Everything lives in the
 * database (the alert, each notice, who holds it), so any replica may raise, send or clear, a
 * notice goes out once however many replicas run, and a restart resumes what had not got through.
 * Refusals are judged from the sites' state each look: a refused site gets an alert, and the alert
 * clears once the site's log is taken again.
 */
export function startHubAlerts(options: HubAlertsOptions): HubAlerts {
  const { db, config, scheduler, clock, logger } = options;
  const { say } = translatorFor(options.locale);
  const abandon = new AbortController();
  const senders = new Map<AlertChannel, (notice: PendingNotice) => Promise<PostOutcome>>();
  const { webhookUrl, webhookToken } = config;
  if (webhookUrl) {
    senders.set('webhook', (notice) =>
      postAlert(notice, {
        url: webhookUrl,
        token: webhookToken,
        timeoutMs: config.deliveryTimeoutMs,
        locale: options.locale,
        scheduler,
        fetch: options.fetch ?? fetch,
        signal: abandon.signal,
      }),
    );
  }
  if (options.mail) senders.set('email', (notice) => (options.mail as AlertMailer).send(notice));
  const channels = [...senders.keys()];
  // A claim outlives one attempt's timeout, so no other replica sends while this one still might.
  const holdMs = config.deliveryTimeoutMs * 2 + 1_000;

  const send = async (row: Awaited<ReturnType<typeof dueNotices>>[number]) => {
    const key = { alertId: row.alert_id, notice: row.notice, channel: row.channel };
    if (!(await claimNotice(db, key, clock(), holdMs))) return;
    const notice: PendingNotice = {
      notice: row.notice as AlertNotice,
      at: row.at,
      attempts: row.attempts,
      alert: {
        alertId: row.alert_id,
        kind: row.kind as AlertKind,
        subject: row.subject,
        message: row.message,
        raisedAt: row.raised_at,
      },
    };
    const sender = senders.get(row.channel as AlertChannel);
    if (!sender) return;
    const outcome = await sender(notice);
    if (abandon.signal.aborted) return;
    const attempt = row.attempts + 1;
    if (outcome.ok) return settleNotice(db, key, { attempt, ok: true }, clock());
    const final = attempt >= config.retry.maxAttempts;
    const nextAt = final ? undefined : new Date(clock().getTime() + backoffCeiling(attempt, config.retry));
    logger.warn(
      { alert: row.alert_id, channel: row.channel, error: outcome.error },
      'a hub alert did not go out',
    );
    return settleNotice(
      db,
      key,
      { attempt, ok: false, error: outcome.error, final, ...(nextAt ? { nextAt } : {}) },
      clock(),
    );
  };

  const lookOnce = async () => {
    for (const site of await refusedWithoutAlert(db)) {
      const message = say('alert.replicationRefused', { site: site.siteId, reason: site.reason ?? '' });
      await raiseHubAlert(
        db,
        { kind: 'replication-refused', subject: site.siteId, message, siteId: site.siteId },
        channels,
        clock(),
      );
    }
    for (const alertId of await refusalsOver(db)) await clearHubAlert(db, alertId, clock());
    await Promise.all((await dueNotices(db, channels, clock(), noticesPerLook)).map(send));
  };

  // One look at a time; a call during a look asks for one more right after it.
  let running: Promise<void> | undefined;
  let again = false;
  const look = (): Promise<void> => {
    if (abandon.signal.aborted) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await lookOnce();
        } catch (error) {
          logger.warn({ err: error }, 'could not look at the hub alerts; the next look retries');
        }
      } while (again && !abandon.signal.aborted);
      running = undefined;
    })();
    return running;
  };
  const ticks = interval(config.checkIntervalMs, scheduler).subscribe(() => void look());
  void look();

  return {
    orderUnroutable: async ({ instanceId, orderId, webhookId }) => {
      const message = say('alert.orderUnroutable', {
        instance: instanceId ?? '—',
        order: orderId ?? webhookId,
      });
      const subject = orderId ?? webhookId;
      try {
        await raiseHubAlert(db, { kind: 'order-unroutable', subject, message }, channels, clock());
      } catch (error) {
        // Wix's answer must not depend on it: the OrderUnroutable fact and the log line are recorded.
        logger.error({ err: error, order: subject }, 'could not raise the alert for an unroutable order');
      }
      void look();
    },
    checkNow: () => void look(),
    stop: async () => {
      ticks.unsubscribe();
      abandon.abort();
      await running;
      options.mail?.close();
    },
  };
}
