import type { Kysely, Transaction } from 'kysely';
import type { AlertChannel, AlertKind } from '../alerts/alert-types.ts';
import type { HubAlertTables } from './hub-alert-tables.ts';
import type { HubTables } from './hub-tables.ts';

/** The hub's tables with its alert tables, as the alert code reads and writes them. */
export type HubAlertDb = Kysely<HubTables & HubAlertTables>;
type Writer = HubAlertDb | Transaction<HubTables & HubAlertTables>;

export interface HubAlertInput {
  readonly kind: AlertKind;
  /** What it is about (an order, a site): one alert is open per kind and subject. */
  readonly subject: string;
  readonly message: string;
  readonly siteId?: string;
}

/** Records an alert fact in the hub's journal beside the facts it is about, for the audit. */
async function journal(
  db: Writer,
  id: string,
  type: string,
  siteId: string | undefined,
  data: unknown,
  at: string,
) {
  await db
    .insertInto('hub_events')
    .values({ id, type, site_id: siteId ?? null, data: JSON.stringify(data), recorded_at: at })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/**
 * Opens an alert unless one is open for the same kind and subject, with a notice waiting on each
 * channel. The partial unique index decides between replicas racing to raise the same trouble, so
 * staff hear of it once. Answers whether this call raised it.
 */
export async function raiseHubAlert(
  db: HubAlertDb,
  alert: HubAlertInput,
  channels: readonly AlertChannel[],
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  const alertId = `${alert.kind}:${alert.subject}:${at}`;
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('hub_alerts')
      .values({
        alert_id: alertId,
        kind: alert.kind,
        subject: alert.subject,
        message: alert.message,
        raised_at: at,
        cleared_at: null,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    for (const channel of channels) {
      await trx
        .insertInto('hub_alert_notices')
        .values({
          alert_id: alertId,
          notice: 'raised',
          channel,
          at,
          attempts: 0,
          state: 'pending',
          next_attempt_at: at,
          claimed_until: null,
        })
        .execute();
    }
    const { kind, subject, message } = alert;
    await journal(
      trx,
      `alert-raised:${alertId}`,
      'AlertRaised',
      alert.siteId,
      {
        alertId,
        kind,
        subject,
        message,
        raisedAt: at,
      },
      at,
    );
    return true;
  });
}

/**
 * Closes an open alert and says so on each channel that told staff it began (a "resolved" nobody
 * was told the start of is noise); a start not yet told is dropped, it is over already.
 */
export async function clearHubAlert(db: HubAlertDb, alertId: string, now: Date): Promise<boolean> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const cleared = await trx
      .updateTable('hub_alerts')
      .set({ cleared_at: at })
      .where('alert_id', '=', alertId)
      .where('cleared_at', 'is', null)
      .executeTakeFirst();
    if (Number(cleared.numUpdatedRows) === 0) return false;
    const told = await trx
      .selectFrom('hub_alert_notices')
      .select('channel')
      .where('alert_id', '=', alertId)
      .where('notice', '=', 'raised')
      .where('state', '=', 'delivered')
      .execute();
    for (const { channel } of told) {
      await trx
        .insertInto('hub_alert_notices')
        .values({
          alert_id: alertId,
          notice: 'cleared',
          channel,
          at,
          attempts: 0,
          state: 'pending',
          next_attempt_at: at,
          claimed_until: null,
        })
        .execute();
    }
    await trx
      .updateTable('hub_alert_notices')
      .set({ state: 'dropped' })
      .where('alert_id', '=', alertId)
      .where('notice', '=', 'raised')
      .where('state', '=', 'pending')
      .execute();
    const alert = await trx
      .selectFrom('hub_alerts')
      .select(['kind', 'subject'])
      .where('alert_id', '=', alertId)
      .executeTakeFirstOrThrow();
    await journal(trx, `alert-cleared:${alertId}`, 'AlertCleared', undefined, { alertId, ...alert }, at);
    return true;
  });
}

/** A site the hub refuses that has no open alert yet, with why. */
export async function refusedWithoutAlert(db: HubAlertDb) {
  return db
    .selectFrom('hub_site_summary as s')
    .leftJoin('hub_alerts as a', (join) =>
      join
        .onRef('a.subject', '=', 's.site_id')
        .on('a.kind', '=', 'replication-refused')
        .on('a.cleared_at', 'is', null),
    )
    .select(['s.site_id as siteId', 's.refused_reason as reason'])
    .where('s.refused_at', 'is not', null)
    .where('a.alert_id', 'is', null)
    .execute();
}

/** Open refusal alerts whose site the hub takes again (a later batch verified and was stored). */
export async function refusalsOver(db: HubAlertDb): Promise<string[]> {
  const rows = await db
    .selectFrom('hub_alerts as a')
    .innerJoin('hub_site_summary as s', 's.site_id', 'a.subject')
    .select('a.alert_id')
    .where('a.kind', '=', 'replication-refused')
    .where('a.cleared_at', 'is', null)
    .where('s.refused_at', 'is', null)
    .execute();
  return rows.map((row) => row.alert_id);
}

/** Notices due now on these channels that no replica holds. */
export async function dueNotices(
  db: HubAlertDb,
  channels: readonly AlertChannel[],
  now: Date,
  limit: number,
) {
  if (channels.length === 0) return [];
  const at = now.toISOString();
  return db
    .selectFrom('hub_alert_notices as n')
    .innerJoin('hub_alerts as a', 'a.alert_id', 'n.alert_id')
    .select([
      'n.alert_id',
      'n.notice',
      'n.channel',
      'n.at',
      'n.attempts',
      'a.kind',
      'a.subject',
      'a.message',
      'a.raised_at',
    ])
    .where('n.state', '=', 'pending')
    .where('n.next_attempt_at', '<=', at)
    .where((eb) => eb.or([eb('n.claimed_until', 'is', null), eb('n.claimed_until', '<', at)]))
    .where('n.channel', 'in', channels)
    .orderBy('n.at')
    .limit(limit)
    .execute();
}

/**
 * Takes a notice for this replica for `holdMs`: only one replica's conditional update matches, so
 * only one sends it. A replica that dies while sending leaves a claim that simply runs out.
 */
export async function claimNotice(
  db: HubAlertDb,
  key: { alertId: string; notice: string; channel: string },
  now: Date,
  holdMs: number,
): Promise<boolean> {
  const at = now.toISOString();
  const claimed = await db
    .updateTable('hub_alert_notices')
    .set({ claimed_until: new Date(now.getTime() + holdMs).toISOString() })
    .where('alert_id', '=', key.alertId)
    .where('notice', '=', key.notice)
    .where('channel', '=', key.channel)
    .where('state', '=', 'pending')
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]))
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}

/** What came of sending a claimed notice: its new state, and the fact for the journal. */
export async function settleNotice(
  db: HubAlertDb,
  key: { alertId: string; notice: string; channel: string },
  outcome:
    | { attempt: number; ok: true }
    | { attempt: number; ok: false; error: string; final: boolean; nextAt?: Date },
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  const { alertId, notice, channel } = key;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('hub_alert_notices')
      .set({
        attempts: outcome.attempt,
        claimed_until: null,
        state: outcome.ok ? 'delivered' : outcome.final ? 'failed' : 'pending',
        ...(!outcome.ok && outcome.nextAt ? { next_attempt_at: outcome.nextAt.toISOString() } : {}),
      })
      .where('alert_id', '=', alertId)
      .where('notice', '=', notice)
      .where('channel', '=', channel)
      .execute();
    const id = `${channel}:${alertId}:${notice}:${outcome.attempt}`;
    const common = { alertId, attempt: outcome.attempt, notice, channel };
    if (outcome.ok) await journal(trx, `alert-delivered:${id}`, 'AlertDelivered', undefined, common, at);
    else {
      await journal(
        trx,
        `alert-delivery-failed:${id}`,
        'AlertDeliveryFailed',
        undefined,
        {
          ...common,
          error: outcome.error,
          final: outcome.final,
          ...(outcome.nextAt ? { nextAttemptAt: outcome.nextAt.toISOString() } : {}),
        },
        at,
      );
    }
  });
}

/** An alert still open, as the overview page shows it. */
export interface OpenHubAlert {
  readonly kind: string;
  /** The site it is about; none for an order no site registered. */
  readonly siteId: string | undefined;
  readonly message: string;
  readonly raisedAt: string;
}

/**
 * The open alerts, newest first (at most `limit`), and how many are open in all: what the group's
 * overview puts on top, so the lead sees the trouble without reading mail. A cleared alert is gone.
 */
export async function openHubAlerts(
  db: HubAlertDb,
  limit: number,
): Promise<{ readonly alerts: OpenHubAlert[]; readonly total: number }> {
  const rows = await db
    .selectFrom('hub_alerts')
    .select(['kind', 'subject', 'message', 'raised_at'])
    .where('cleared_at', 'is', null)
    .orderBy('raised_at', 'desc')
    .orderBy('alert_id')
    .limit(limit)
    .execute();
  const { total } = await db
    .selectFrom('hub_alerts')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .where('cleared_at', 'is', null)
    .executeTakeFirstOrThrow();
  return {
    alerts: rows.map((row) => ({
      kind: row.kind,
      // A refused site's alert is about that site; an unroutable order's is about no site at all.
      siteId: row.kind === 'replication-refused' ? row.subject : undefined,
      message: row.message,
      raisedAt: row.raised_at,
    })),
    total: Number(total),
  };
}
