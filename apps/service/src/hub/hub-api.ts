import { requireAccess } from '@bonrelay/api';
import { translatorFor } from '@bonrelay/locale';
import { verifyWebhook } from '@bonrelay/wix';
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Kysely } from 'kysely';
import type { Logger } from '../logger.ts';
import { replicationBatchSchema } from '../replication/replicated-row.ts';
import type { HubAlertTables } from './hub-alert-tables.ts';
import { openHubAlerts } from './hub-alerts.ts';
import { hubDashboardHtml } from './hub-dashboard.ts';
import { siteEvents, siteOverviews } from './hub-queries.ts';
import type { HubTables } from './hub-tables.ts';
import type { HubViewQueries } from './hub-view-queries.ts';
import { addHubViewRoutes } from './hub-view-routes.ts';
import { ingestSiteBatch } from './ingest-site-batch.ts';
import type { OrderWakeups } from './order-wakeups.ts';
import { ordersForSite, routeOrder } from './route-order.ts';
import { siteOfToken } from './sites-registry.ts';
import type { HubAlerts } from './start-hub-alerts.ts';

export interface HubApiOptions {
  readonly db: Kysely<HubTables>;
  readonly clock: () => Date;
  /** Waits on the injected scheduler between looks at the database while an order poll is held. */
  readonly wait: (ms: number) => Promise<void>;
  readonly logger: Logger;
  readonly publicKey: string | undefined;
  readonly apiToken: string | undefined;
  readonly remoteAddress: (request: Request, env: unknown) => string | undefined;
  readonly replicationBodyLimitBytes: number;
  readonly webhookBodyLimitBytes: number;
  readonly orderPollWaitMs: number;
  readonly orderPollIntervalMs: number;
  readonly dashboardRefreshSeconds: number;
  /** The overview page's language (`dashboard.locale`) and the time zone its times are shown in. */
  readonly dashboardLocale: string;
  readonly timeZone: string;
  readonly version: string;
  /** The hub's alerts by webhook and e-mail (unroutable orders, refused sites). */
  readonly alerts?: Pick<HubAlerts, 'orderUnroutable' | 'checkNow'>;
  /** Wakes held order polls when an order is routed, before the next look at the database. */
  readonly wakeups?: Pick<OrderWakeups, 'next' | 'announce'>;
  /** The sites' views (orders, print jobs, offline periods), kept by the hub's view projector. */
  readonly views: HubViewQueries;
}

type SiteEnv = { Variables: { siteId: string } };

const ordersPerPoll = 100;
/** Open alerts listed on the overview; the rest are counted ("… and N more"). */
const alertsOnOverview = 20;

function numberParam(text: string | undefined): number | undefined {
  return text !== undefined && /^\d{1,15}$/.test(text) ? Number(text) : undefined;
}

/**
 * The hub's HTTP face. Sites come in with their own token (replication and their order stream),
 * Wix with its signature, people with the API token. Every answer is built from the database alone,
 * so any replica answers any request.
 */
export function createHubApi(options: HubApiOptions): Hono {
  const { db, clock, logger } = options;
  const app = new Hono();
  app.onError((error, c) => {
    logger.error({ err: error, path: c.req.path }, 'unexpected error in a hub request');
    return c.json({ error: 'internal', message: 'the hub could not answer; see its log' }, 500);
  });
  app.get('/health', (c) => c.json({ status: 'ok', role: 'hub', version: options.version }));

  app.post('/webhooks/wix', bodyLimit({ maxSize: options.webhookBodyLimitBytes }), async (c) => {
    if (!options.publicKey) {
      return c.json(
        { error: 'not-configured', message: 'no Wix public key: set BONRELAY_WIX_PUBLIC_KEY_FILE' },
        503,
      );
    }
    const body = await c.req.text();
    const verification = await verifyWebhook(body, options.publicKey, { now: clock() });
    if (!verification.ok)
      return c.json({ error: verification.reason, message: verification.detail }, verification.status);
    const routing = await routeOrder(db, verification.webhook, body, clock());
    if (!routing.routed) {
      if (routing.firstTime) {
        logger.error(
          {
            alert: 'order-unroutable',
            instanceId: routing.instanceId,
            webhookId: verification.webhook.webhookId,
          },
          'an order came for a Wix instance no site registered: run `bonrelay sites add <site> --wix-instance <id>`',
        );
        await options.alerts?.orderUnroutable({
          instanceId: routing.instanceId,
          orderId: verification.webhook.orderId,
          webhookId: verification.webhook.webhookId,
        });
      }
      return c.json({ ok: true, routed: false, webhookId: verification.webhook.webhookId });
    }
    if (!routing.duplicate) await options.wakeups?.announce(routing.siteId);
    return c.json({ ok: true, routed: true, site: routing.siteId, duplicate: routing.duplicate });
  });

  const site = new Hono<SiteEnv>();
  const siteAuth: MiddlewareHandler<SiteEnv> = async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const siteId = header.startsWith('Bearer ') ? await siteOfToken(db, header.slice(7)) : undefined;
    if (siteId === undefined)
      return c.json({ error: 'unauthorized', message: 'send Authorization: Bearer <site token>' }, 401);
    c.set('siteId', siteId);
    return next();
  };
  site.use('/replication/*', siteAuth);
  site.use('/hub/*', siteAuth);
  site.get('/replication/position', async (c) => {
    const siteId = c.get('siteId');
    const summary = await db
      .selectFrom('hub_site_summary')
      .select('acknowledged_position')
      .where('site_id', '=', siteId)
      .executeTakeFirstOrThrow();
    return c.json({ site: siteId, acknowledgedPosition: Number(summary.acknowledged_position) });
  });
  site.post('/replication/events', bodyLimit({ maxSize: options.replicationBodyLimitBytes }), async (c) => {
    const siteId = c.get('siteId');
    const parsed = replicationBatchSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({ error: 'malformed', message: parsed.error.issues[0]?.message }, 400);
    const result = await ingestSiteBatch(db, siteId, parsed.data.events, clock());
    if (result.ok)
      return c.json({
        site: siteId,
        acknowledgedPosition: result.acknowledgedPosition,
        stored: result.stored,
      });
    if (result.kind === 'out-of-order') {
      return c.json({ error: 'out-of-order', acknowledgedPosition: result.acknowledgedPosition }, 409);
    }
    logger.error(
      { alert: 'replication-refused', site: siteId, brokenAt: result.brokenAt },
      `site ${siteId}: its hash chain breaks at position ${result.brokenAt}; replication refused until it is investigated`,
    );
    options.alerts?.checkNow();
    return c.json(
      { error: 'chain-broken', brokenAt: result.brokenAt, acknowledgedPosition: result.acknowledgedPosition },
      422,
    );
  });
  site.get('/hub/orders', async (c) => {
    const siteId = c.get('siteId');
    const after = numberParam(c.req.query('after'));
    const holdMs = Math.min(numberParam(c.req.query('wait')) ?? 0, options.orderPollWaitMs);
    let waited = 0;
    for (;;) {
      const page = await ordersForSite(db, siteId, after, ordersPerPoll, clock());
      if (page.orders.length > 0 || waited >= holdMs || c.req.raw.signal.aborted) return c.json(page);
      const interval = options.wait(options.orderPollIntervalMs);
      const looked = options.wakeups ? await options.wakeups.next(siteId, interval) : await interval;
      if (looked !== 'woken') waited += options.orderPollIntervalMs;
    }
  });
  app.route('/', site);

  const people = new Hono();
  people.use('/api/*', requireAccess({ token: options.apiToken, remoteAddress: options.remoteAddress }));
  people.use('/', requireAccess({ token: options.apiToken, remoteAddress: options.remoteAddress }));
  people.get('/', async (c) =>
    c.html(
      hubDashboardHtml({
        sites: await siteOverviews(db),
        outages: await options.views.lastOutages(),
        alerts: await openHubAlerts(db.withTables<HubAlertTables>(), alertsOnOverview),
        refreshSeconds: options.dashboardRefreshSeconds,
        translator: translatorFor(options.dashboardLocale),
        timeZone: options.timeZone,
      }),
    ),
  );
  people.get('/api/sites', async (c) => c.json({ sites: await siteOverviews(db), next: null }));
  people.get('/api/events', async (c) => {
    const limit = Math.min(numberParam(c.req.query('limit')) ?? 100, 1000);
    const site = c.req.query('site');
    const types = c.req.query('type')?.split(',');
    const after = numberParam(c.req.query('after'));
    return c.json(
      await siteEvents(db, {
        limit,
        ...(site ? { site } : {}),
        ...(types ? { types } : {}),
        ...(after !== undefined ? { after } : {}),
      }),
    );
  });
  people.get('/api/hub-events', async (c) => {
    const rows = await db
      .selectFrom('hub_events')
      .selectAll()
      .orderBy('recorded_at', 'desc')
      .limit(200)
      .execute();
    return c.json({
      events: rows.map((row) => ({
        id: row.id,
        type: row.type,
        site: row.site_id,
        data: JSON.parse(row.data),
        recordedAt: row.recorded_at,
      })),
      next: null,
    });
  });
  addHubViewRoutes(people, options.views);
  app.route('/', people);
  return app;
}
