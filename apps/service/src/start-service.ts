import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { type BonrelayPorts, createApi, dashboardHtml } from '@bonrelay/api';
import { type EventToAppend, eventToAppend, streams } from '@bonrelay/domain';
import { type EventStore, IncompatibleDatabaseError } from '@bonrelay/event-store';
import { getConnInfo } from '@hono/node-server/conninfo';
import { asyncScheduler, type SchedulerLike } from 'rxjs';
import { alertMailerFor, startAlerts } from './alerts/index.ts';
import { withCloudprnt } from './cloudprnt/cloudprnt-endpoint.ts';
import { cloudprntPrinters } from './cloudprnt/cloudprnt-printers.ts';
import { cloudprntFindings } from './cloudprnt/cloudprnt-reachability.ts';
import { type Config, configDigest, describeConfig, resolveWixPublicKey } from './config/index.ts';
import { dashboardUpdates } from './dashboard-updates.ts';
import { databaseFile } from './database-file.ts';
import { runFallback } from './fallback/index.ts';
import { createAppendGroup } from './ingress/append-group.ts';
import { createWixIngress } from './ingress/receive-wix-webhook.ts';
import { createRejectionLedger, recordRejectionsEvery } from './ingress/rejection-ledger.ts';
import type { Logger } from './logger.ts';
import { createServiceMetrics } from './metrics/index.ts';
import { checkConnectivityNow } from './monitors/check-connectivity-now.ts';
import { startMonitors } from './monitors/start-monitors.ts';
import { orderConsequences } from './orders/order-consequences.ts';
import { holdPolicy, priorityRules, ticketRouting } from './orders/ticket-routing.ts';
import { commandPorts } from './ports/command-ports.ts';
import { queryPorts } from './ports/query-ports.ts';
import { startPrinterSagas } from './printer-saga/start-printer-sagas.ts';
import {
  createViewSealer,
  guestPersonalData,
  type Keyring,
  loadOrCreateMasterKey,
  masterKeyFile,
  openPrivateEventStore,
} from './privacy/index.ts';
import { startViews } from './projections/bonrelay-views.ts';
import { logViewsProgress } from './projections/views-progress.ts';
import { startPeriodicCatchUp } from './reconciliation/periodic-catch-up.ts';
import { createReconciler } from './reconciliation/reconciler.ts';
import { serveApi } from './serve-api.ts';
import { serviceHealth } from './service-health.ts';
import { markServiceRunning } from './service-lock.ts';
import { openServiceLog } from './service-log.ts';
import { startLogCopies } from './start-log-copies.ts';
import { startupChecks } from './startup-checks.ts';
import { printStation } from './stations/print-station.ts';
import { printersOrVirtual } from './stations/printers-or-virtual.ts';
import { startUnreadableRecovery, unreadableOrdersPage, watchUnreadableOrders } from './unreadable/index.ts';
import { serviceVersion } from './version.ts';
import { judgeHubStream } from './webhook-path/hub-stream-path.ts';
import { measureWebhookClock, noticeWebhooks } from './webhook-path/observe-wix-webhooks.ts';
import { startWixPath } from './webhook-path/start-wix-path.ts';

export interface ServiceOverrides {
  readonly clock?: () => Date;
  readonly scheduler?: SchedulerLike;
  readonly random?: () => number;
  readonly logger?: Logger;
}

export interface RunningService {
  readonly url: string;
  readonly port: number;
  readonly store: EventStore;
  /** Where the built-in virtual printer writes its tickets; undefined when printers are configured. */
  readonly virtualTickets: string | undefined;
  /** The last log position every table view has written (reads see the log up to here). */
  viewsPosition(): number;
  stop(reason: string): Promise<void>;
}

function openLog(
  config: Config,
  clock: () => Date,
  masterKey: Buffer,
): { store: EventStore; keyring: Keyring } {
  const file = databaseFile(config);
  try {
    const opened = openPrivateEventStore(
      { file, clock, busyTimeoutMs: config.database.busyTimeoutMs },
      masterKey,
    );
    return { store: opened.store, keyring: opened.keyring as Keyring };
  } catch (error) {
    if (error instanceof IncompatibleDatabaseError) throw new Error(`${file}: ${error.message}`);
    throw error;
  }
}

/**
 * The composition root: config → log → views → printer sagas → monitors → HTTP. Everything that
 * can be injected (clock, scheduler, randomness) is, so tests drive the real assembly.
 */
export async function startService(
  config: Config,
  overrides: ServiceOverrides = {},
): Promise<RunningService> {
  const clock = overrides.clock ?? (() => new Date());
  const scheduler = overrides.scheduler ?? asyncScheduler;
  const random = overrides.random ?? Math.random;
  const logger = overrides.logger ?? (await openServiceLog(config.logLevel)).logger;
  const publicKey = resolveWixPublicKey(config);
  mkdirSync(config.dataDir, { recursive: true });
  const masterKey = loadOrCreateMasterKey(masterKeyFile(config), logger);
  const { store, keyring } = openLog(config, clock, masterKey);
  startupChecks(store, config, logger);
  logger.info({ config: describeConfig(config) }, 'configuration');

  const cloudprnt = cloudprntPrinters(config, {
    scheduler,
    recordedStatus: (printer) => views.connectivity.printer(printer)?.status,
    onRefused: (mac, why) => logger.warn({ mac }, `a CloudPRNT printer was refused: ${why}`),
  });
  const { printers, virtualTickets } = printersOrVirtual(config, clock, logger, cloudprnt);
  const printerNames = printers.map(({ printer }) => printer.name);
  const jobs = {
    routing: ticketRouting(config, printerNames),
    enabledTickets: config.tickets.enabled,
    rules: priorityRules(config),
    hold: holdPolicy(config),
  };

  const siteSealer = createViewSealer(masterKey);
  const views = startViews(store, config, { personalData: guestPersonalData(keyring, siteSealer) });
  const viewsProgress = logViewsProgress(views.tables, logger, scheduler, config.database.viewProgressLogMs);
  const unreadable = watchUnreadableOrders(store);
  const metrics = createServiceMetrics({
    views,
    clock,
    printers: printerNames,
  });
  const wixPath = startWixPath({
    config,
    store,
    clock,
    scheduler,
    logger,
    countRequest: () => metrics.countWixRequest(),
  });
  const { clockSkew, webhookPath, health: wix, client: wixClient } = wixPath;
  const alerts = startAlerts({
    wix: { state: wix.alertState, changes$: wix.changes$ },
    config: config.alerts,
    timeZone: config.businessDay.timeZone,
    views,
    unreadable,
    store,
    scheduler,
    clock,
    mail: alertMailerFor(config),
    businessDay: { dayStartsAt: config.businessDay.startsAt, timeZone: config.businessDay.timeZone },
    onError: (error) => logger.warn({ err: error }, 'could not record an alert'),
  });
  const consequences = (events: readonly EventToAppend[]) =>
    orderConsequences(events, {
      jobs,
      jobsOfOrder: views.jobs.jobsOfOrder,
      order: (orderId) => {
        // A cancellation may follow its order within one flush interval: write what is pending first.
        views.tables.flush();
        return views.orders.order(orderId);
      },
      clock,
    });

  const stations = printers.map(({ printer, link }) => printStation(printer, link, config, views, clock));
  const sagas = startPrinterSagas({ stations, store, views, config, scheduler, random, logger });

  const fallback = runFallback({
    pairs: Object.entries(config.routing.fallback).map(([printer, to]) => ({ printer, fallback: to })),
    store,
    views,
    scheduler,
    afterMs: config.printing.fallbackAfterMs,
    onError: (error) => logger.warn({ err: error }, 'could not move tickets to a fallback printer'),
  });

  const reconcileWithWix = createReconciler({
    store,
    config,
    clock,
    orders: views.orders,
    consequences,
    client: wixClient,
  });
  // A reconciliation also fetches, by id, every unreadable order its search did not bring back.
  const reconcile = async () => {
    const report = await reconcileWithWix();
    if (report.ok) await recovery.retry();
    return report;
  };
  const recovery = startUnreadableRecovery({
    store,
    unreadable,
    client: wixClient,
    clock,
    orders: views.orders,
    consequences,
    reconcile: () => void reconcile(),
    onError: (error) =>
      logger.warn({ err: error }, 'could not record what came of fetching an unreadable order'),
  });

  const monitors = startMonitors({
    config,
    store,
    views,
    stations,
    scheduler,
    logger,
    onBackOnline: () => void reconcile(),
  });
  const catchUp = wixClient
    ? startPeriodicCatchUp({
        store,
        client: wixClient,
        orders: views.orders,
        consequences,
        wixNow: clockSkew.wixNow,
        safetyMarginMs: config.wix.reconcileSafetyMarginMs,
        lookbackMs: config.wix.reconcileLookbackMs,
        scheduler,
        intervalMs: config.wix.reconcileIntervalMs,
        online: () => views.connectivity.status().internet.status !== 'offline',
        onFindings: webhookPath.caughtUp,
        onPass: (report) => {
          if (!report.ok) logger.warn({ from: report.from, error: report.error }, 'Wix catch-up failed');
          const findings = report.ok && report.appended + report.changed > 0;
          metrics.countCatchUpPass(report.ok ? (findings ? 'findings' : 'quiet') : 'failed');
        },
        onError: (error) => logger.warn({ err: error }, 'could not record a Wix catch-up pass'),
      })
    : undefined;
  const hubStream = config.hub.url
    ? judgeHubStream({ path: webhookPath, scheduler, clock, graceMs: config.wix.webhookGraceMs })
    : undefined;
  const copies = startLogCopies({
    store,
    config,
    scheduler,
    clock,
    logger,
    consequences,
    ...(hubStream ? { orderStream: hubStream } : {}),
  });

  const rejections = createRejectionLedger(config.wix.rejectionWindowMs);
  const rejectionTimer = recordRejectionsEvery(rejections, {
    store,
    clock,
    scheduler,
    windowMs: config.wix.rejectionWindowMs,
    onError: (error) => logger.warn({ err: error }, 'could not record webhook rejections'),
  });

  const queries = queryPorts(store, views, clock);
  const dashboardPage = dashboardHtml({ version: serviceVersion, locale: config.dashboard.locale });
  const ports: BonrelayPorts = {
    health: serviceHealth({
      views,
      store,
      wixConfigured: publicKey !== undefined,
      printers: printerNames,
      ...copies.statuses,
    }),
    receiveWixWebhook: metrics.observeWebhooks(
      measureWebhookClock(
        createWixIngress({
          append: noticeWebhooks(createAppendGroup(store), webhookPath),
          publicKey,
          clock,
          rejections,
          consequences,
          retryAfterSeconds: config.server.retryAfterSeconds,
          clockToleranceMs: config.wix.clockToleranceMs,
        }),
        clockSkew,
        { now: clock, apiMeasures: wixClient !== undefined },
      ),
    ),
    ...queries,
    connectivityStatus: () => ({ ...queries.connectivityStatus(), wix: wix.status() }),
    unreadableOrders: (query) => unreadableOrdersPage(unreadable.state(), query),
    ...commandPorts({
      store,
      views,
      clock,
      jobs,
      printers: printerNames,
      consequences,
      retryAfterSeconds: config.server.retryAfterSeconds,
    }),
    ticketPreview: (jobId) => {
      const job = views.jobs.job(jobId);
      return job ? stations.find((station) => station.name === job.printer)?.preview(job) : undefined;
    },
    checkConnectivity: checkConnectivityNow(monitors, stations, config),
    reconcile: async () => {
      const report = await reconcile();
      return { status: report.ok ? 200 : 503, body: report };
    },
    metrics: () => metrics.scrape(),
    liveUpdates: () =>
      dashboardUpdates({
        config,
        views,
        clock,
        scheduler,
        unreadable,
        wix,
        webhookPath,
        fallbacks$: fallback.states$,
        ...copies.statuses,
      }),
    dashboardHtml: () => dashboardPage,
  };

  const api = createApi(ports, {
    token: config.api.token,
    remoteAddress: (_request, env) => {
      try {
        return getConnInfo({ env } as never).remote.address;
      } catch {
        return undefined;
      }
    },
    bodyLimitBytes: config.server.bodyLimitBytes,
    version: serviceVersion,
    onError: (error) => logger.error({ err: error }, 'unexpected error in a request'),
  });
  const server = await serveApi(withCloudprnt(cloudprnt.endpoint, api.fetch), {
    hostname: config.server.host,
    port: config.server.port,
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.server.host}:${port}`;
  const unmark = markServiceRunning(config, url);

  store.append([
    eventToAppend('ServiceStarted', streams.service, `service-started:${crypto.randomUUID()}`, {
      version: serviceVersion,
      configDigest: configDigest(config),
    }),
  ]);
  logger.info({ url, wix: publicKey ? 'configured' : 'not configured' }, 'bonrelay is listening');
  for (const finding of cloudprntFindings(config))
    logger[finding.verdict === 'ok' ? 'info' : 'warn'](finding.detail);
  if (!publicKey) {
    logger.warn(
      'no Wix public key: set BONRELAY_WIX_PUBLIC_KEY_FILE to the PEM from your Wix app; webhooks answer 503 until then',
    );
  }
  if (config.wix.apiKey && config.wix.siteId) void reconcile();

  let stopped: Promise<void> | undefined;
  return {
    url,
    port,
    store,
    virtualTickets,
    viewsPosition: () => views.tables.position(),
    stop: (reason) => {
      stopped ??= (async () => {
        logger.info({ reason }, 'stopping');
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        // Open SSE streams would hold the server open forever.
        server.closeAllConnections();
        await closed;
        catchUp?.stop();
        wixPath.stop();
        for (const monitor of [monitors.internet, ...monitors.printers]) monitor.stop();
        cloudprnt.stop();
        fallback.stop();
        await sagas.stop();
        await copies.stop();
        hubStream?.stop();
        rejectionTimer.unsubscribe();
        const pending = rejections.drain();
        store.append([
          ...pending,
          eventToAppend('ServiceStopped', streams.service, `service-stopped:${crypto.randomUUID()}`, {
            reason,
          }),
        ]);
        recovery.stop();
        alerts.stop();
        viewsProgress.unsubscribe();
        unreadable.stop();
        metrics.stop();
        views.stop();
        store.close();
        unmark();
        logger.info('stopped');
      })();
      return stopped;
    },
  };
}
