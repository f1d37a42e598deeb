import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateWixKeyPair, makeWixOrder, orderCreatedDelivery, signWixWebhook } from '@bonrelay/wix-fake';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { between, chaosSeed, seededRandom, sizeFromEnv } from './chaos-support/chaos-random.ts';
import {
  freePort,
  pullThePlug,
  readLog,
  type ServiceProcess,
  startServiceProcess,
  stopGracefully,
} from './chaos-support/service-process.ts';
import { deliverLikeWix } from './chaos-support/wix-retrying-client.ts';
import { printersUnderTest } from './support/printer-under-test/index.ts';
import { eventually, fakeInternet } from './support/test-service.ts';

// TCP carries the full CI size; the other transports a fifth of the orders, to keep CI time modest.
const sized = (transport: string, name: string, tcp: number, other: number) =>
  sizeFromEnv(name, transport === 'tcp' ? tcp : other);
const clients = sizeFromEnv('BONRELAY_TEST_CHAOS_CLIENTS', 20);
const seed = chaosSeed();

const jobIdOf = (data: unknown) => (data as { jobId: string }).jobId;

for (const { transport, start } of printersUnderTest) {
  const webhooks = sized(transport, 'BONRELAY_TEST_CHAOS_WEBHOOKS', 300, 60);
  const minimumKills = sized(transport, 'BONRELAY_TEST_CHAOS_KILLS', 8, 3);
  test(`crash chaos over ${transport}: ${webhooks} webhooks from ${clients} clients, SIGKILL at random ≥ ${minimumKills} times (seed ${seed}) — every acknowledged order exactly once, every ticket printed`, async () => {
    const random = seededRandom(seed);
    const dataDir = mkdtempSync(join(tmpdir(), 'bonrelay-chaos-crash-'));
    const printer = await start();
    const internet = await fakeInternet();
    const keys = await generateWixKeyPair();
    const port = await freePort();
    writeFileSync(
      join(dataDir, 'config.json'),
      JSON.stringify({
        printing: {
          connectTimeoutMs: 1_000,
          statusTimeoutMs: 1_000,
          completionTimeoutMs: 5_000,
          maxAttempts: 1_000,
          backoff: { baseMs: 50, factor: 2, capMs: 400 },
        },
        monitor: { printerIdleIntervalMs: 500, internetIntervalMs: 1_000, printerAgreeingProbes: 1 },
        printers: [printer.printerConfig('printer')],
      }),
    );
    const env = {
      BONRELAY_CONFIG: join(dataDir, 'config.json'),
      BONRELAY_DATA_DIR: dataDir,
      BONRELAY_PORT: String(port),
      BONRELAY_WIX_PUBLIC_KEY: keys.publicKeyPem,
      BONRELAY_INTERNET_PROBES: `127.0.0.1:${(internet.address() as { port: number }).port}`,
      BONRELAY_LOG_LEVEL: 'info',
    };

    // Given: signed deliveries, each a distinct order, ready before the clock starts.
    const deliveries = await Promise.all(
      Array.from({ length: webhooks }, async () => {
        const delivery = orderCreatedDelivery(makeWixOrder({}));
        return { delivery, jwt: await signWixWebhook(delivery, keys.privateKey) };
      }),
    );

    const started = Date.now();
    let running: ServiceProcess = await startServiceProcess(env);
    await printer.attach(running.url);
    const url = `http://127.0.0.1:${port}/webhooks/wix`;
    const answers = new Map<string, number>();
    let tries = 0;
    let next = 0;
    const sending = Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < deliveries.length) {
          const { delivery, jwt } = deliveries[next++]!;
          const report = await deliverLikeWix(url, jwt, {
            retryDelayMs: 100,
            deadlineMs: Math.max(120_000, webhooks * 100),
          });
          answers.set(delivery.webhookId, report.status);
          tries += report.tries;
        }
      }),
    );
    let sent = false;
    void sending.then(() => {
      sent = true;
    });

    // When: the plug is pulled at random moments, at least K times and until every delivery is in.
    let kills = 0;
    while (kills < minimumKills || !sent) {
      await new Promise((resolve) => setTimeout(resolve, between(random, 100, 1_500)));
      await pullThePlug(running);
      kills += 1;
      running = await startServiceProcess(env);
    }
    await sending;
    const allAcknowledgedAfter = Date.now() - started;

    // Then: every delivery was acknowledged, and the log holds each order exactly once.
    const acknowledged = [...answers].filter(([, status]) => status === 200).map(([id]) => id);
    assert.is(acknowledged.length, webhooks, 'Wix got a 200 for every delivery in the end');
    const orderIds = deliveries.map(({ delivery }) => delivery.entityId);
    await eventually(
      'every queued ticket printed',
      () =>
        readLog(dataDir, (store) => {
          const printed = new Set(store.read({ types: ['PrintJobPrinted'] }).map((e) => jobIdOf(e.data)));
          const queued = store.read({ types: ['PrintJobQueued'] });
          return queued.length >= webhooks && queued.every((e) => printed.has(jobIdOf(e.data)));
        }),
      Math.max(120_000, webhooks * 200),
    );
    const allPrintedAfter = Date.now() - started;
    await stopGracefully(running);

    const figures = readLog(dataDir, (store) => {
      assert.equal(store.verify().ok, true, 'the hash chain is intact after every crash');
      const received = store.read({ types: ['WebhookReceived'] }).map((e) => e.data as { webhookId: string });
      const orders = store
        .read({ types: ['OrderReceived'] })
        .map((e) => (e.data as { order: { id: string } }).order.id);
      const queued = store
        .read({ types: ['PrintJobQueued'] })
        .map((e) => e.data as { jobId: string; orderId: string });
      const printed = store.read({ types: ['PrintJobPrinted'] }).map((e) => jobIdOf(e.data));
      const requeued = store.read({ types: ['PrintJobRequeued'] }).map((e) => jobIdOf(e.data));
      return { received, orders, queued, printed, requeued };
    });
    assert.is(
      new Set(figures.received.map((r) => r.webhookId)).size,
      figures.received.length,
      'no webhook twice',
    );
    assert.is(new Set(figures.orders).size, figures.orders.length, 'one OrderReceived per order');
    const ordersInLog = new Set(figures.orders);
    for (const id of orderIds) assert.ok(ordersInLog.has(id), `order ${id} acknowledged and in the log`);
    const ticketedOrders = new Set(figures.queued.map((job) => job.orderId));
    for (const id of orderIds) assert.ok(ticketedOrders.has(id), `order ${id} has tickets`);
    const printedJobs = new Set(figures.printed);
    for (const job of figures.queued) assert.ok(printedJobs.has(job.jobId), `job ${job.jobId} printed`);
    const complete = printer.printed().length;
    assert.ok(complete >= printedJobs.size, 'the emulator holds at least every job marked printed');
    const duplicates = complete - printedJobs.size;
    assert.ok(
      duplicates <= figures.requeued.length,
      `${duplicates} reprints, but only ${figures.requeued.length} jobs were in flight at a crash`,
    );

    console.log(
      `crash chaos over ${transport} (seed ${seed}): webhooks ${webhooks}, requests ${tries}, 200s ${acknowledged.length}, ` +
        `orders ${figures.orders.length}, jobs ${figures.queued.length}, printed ${printedJobs.size}, ` +
        `emulator complete ${complete}, duplicates ${duplicates}, requeued ${figures.requeued.length}, kills ${kills}; ` +
        `all acknowledged after ${allAcknowledgedAfter} ms, all printed after ${allPrintedAfter} ms`,
    );
    await printer.close();
    await new Promise<void>((resolve) => internet.close(() => resolve()));
  });
}

test.run();
