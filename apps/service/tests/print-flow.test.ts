import { priorityRank, ticketRank } from '@bonrelay/domain';
import type { StoredEvent } from '@bonrelay/event-store';
import { makeWixOrder, orderCreatedDelivery, signWixWebhook } from '@bonrelay/wix-fake';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type PrinterUnderTest, printersUnderTest } from './support/printer-under-test/index.ts';
import { startServiceOver } from './support/printer-under-test/service-over.ts';
import { eventually, type TestService } from './support/test-service.ts';

for (const { transport, start } of printersUnderTest) {
  const flow = suite<{ app: TestService; printer: PrinterUnderTest }>(
    `the offline queue and the printer saga, against the emulator over ${transport}`,
  );

  flow.before.each(async (context) => {
    context.printer = await start();
    context.app = await startServiceOver(context.printer, {
      config: {
        printing: {
          connectTimeoutMs: 200,
          statusTimeoutMs: 200,
          completionTimeoutMs: 800,
          // CloudPRNT's completion deadline: a job fetched and not confirmed is a timeout.
          cloudprntConfirmTimeoutMs: 800,
          maxAttempts: 50,
          breakerFailureThreshold: 3,
          backoff: { baseMs: 40, factor: 2, capMs: 300 },
        },
      },
    });
  });
  flow.after.each(async (context) => {
    await context.app.stop();
    await context.printer.close();
  });

  type Job = {
    jobId: string;
    orderId: string;
    ticket: 'kitchen' | 'customer' | 'driver';
    priority: 'critical' | 'high' | 'normal';
  };

  function queued(app: TestService): Map<string, Job & { position: number }> {
    return new Map(
      app.service.store
        .read({ types: ['PrintJobQueued'] })
        .map((event) => [(event.data as Job).jobId, { ...(event.data as Job), position: event.position }]),
    );
  }

  function printed(app: TestService): StoredEvent[] {
    return app.service.store.read({ types: ['PrintJobPrinted'] });
  }

  async function postOrder(app: TestService, overrides: Parameters<typeof makeWixOrder>[0] = {}) {
    const order = makeWixOrder(overrides);
    const response = await app.request(
      'POST',
      '/webhooks/wix',
      await signWixWebhook(orderCreatedDelivery(order), app.keys.privateKey),
    );
    assert.is(response.status, 200);
    return order;
  }

  function queueStatus(app: TestService) {
    return app.json<{ byState: Record<string, number> }>('/offline/queue/status');
  }

  flow(
    'printer off, 20 orders arrive: all wait, none lost; printer back: all print, by priority',
    async ({ app, printer }) => {
      await printer.unplug();
      await eventually('the printer seen offline', async () => {
        const status = await app.json<{ printers: { status: string }[] }>('/connectivity/status');
        return status.printers[0]?.status === 'offline';
      });
      for (let n = 0; n < 20; n++) {
        const note = n % 7 === 3 ? 'Nussallergie! nut allergy' : undefined;
        const big = n % 5 === 4;
        await postOrder(app, {
          ...(note ? { buyerNote: note } : {}),
          ...(big ? { priceSummary: { subtotal: { amount: '150.00' }, total: { amount: '150.00' } } } : {}),
        } as never);
      }
      const jobs = queued(app);
      assert.is(jobs.size, 40);
      const waiting = await queueStatus(app);
      assert.is(waiting.byState.printed, 0);
      assert.is(
        (waiting.byState.queued ?? 0) +
          (waiting.byState['retry-wait'] ?? 0) +
          (waiting.byState.printing ?? 0),
        40,
      );

      await printer.replug();
      await eventually('every job printed', () => printed(app).length === 40, 20_000);
      assert.is(printer.printed().length, 40, 'the emulator received every printed job in full');

      const order = printed(app).map(
        (event) => jobs.get((event.data as { jobId: string }).jobId) as Job & { position: number },
      );
      const firstAfterBack = order.slice(1);
      const rank = (job: Job & { position: number }) => [
        priorityRank[job.priority],
        ticketRank[job.ticket],
        job.position,
      ];
      for (let index = 1; index < firstAfterBack.length; index++) {
        const [a, b] = [rank(firstAfterBack[index - 1]!), rank(firstAfterBack[index]!)];
        const inOrder =
          a[0]! < b[0]! || (a[0] === b[0] && (a[1]! < b[1]! || (a[1] === b[1] && a[2]! <= b[2]!)));
        assert.ok(
          inOrder,
          `job ${index} printed out of priority order: ${JSON.stringify(firstAfterBack.slice(index - 1, index + 1))}`,
        );
      }
      assert.is(order.filter((job) => job.priority === 'critical').length > 0, true);
    },
  );

  flow(
    'paper runs out mid-backlog: printing pauses, nothing is lost, and it continues after the refill',
    async ({ app, printer }) => {
      for (let n = 0; n < 6; n++) await postOrder(app);
      await eventually('two tickets out', () => printed(app).length >= 2);
      await printer.setMode('paper-end');
      await eventually('paper end recorded', () =>
        app.service.store
          .read({ types: ['PrinterStatusChanged'] })
          .some((e) => (e.data as { to: string }).to === 'paper-end'),
      );
      const before = printed(app).length;
      assert.ok(before < 12, 'the backlog is not finished while the paper is out');
      await printer.setMode('online');
      await eventually('the backlog printed', () => printed(app).length === 12, 20_000);
      const gaveUp = app.service.store.read({ types: ['PrintJobGaveUp'] });
      assert.is(gaveUp.length, 0);
    },
  );

  flow(
    'a printer that swallows jobs (blackhole): timeouts open the breaker; once it answers, the job prints and it closes',
    async ({ app, printer }) => {
      // A printer that has answered before and then hangs (over USB, one never heard from looks mute).
      await eventually('the printer seen answering', async () => {
        const status = await app.json<{ printers: { status: string }[] }>('/connectivity/status');
        return status.printers[0]?.status === 'online';
      });
      await printer.setMode('blackhole');
      await postOrder(app);
      await eventually(
        'breaker open',
        () =>
          app.service.store
            .read({ types: ['PrinterBreakerChanged'] })
            .some((e) => (e.data as { to: string }).to === 'open'),
        15_000,
      );
      await printer.setMode('online');
      await eventually('both tickets printed', () => printed(app).length === 2, 20_000);
      const transitions = app.service.store
        .read({ types: ['PrinterBreakerChanged'] })
        .map((e) => (e.data as { to: string }).to);
      assert.is(transitions[transitions.length - 1], 'closed');
      const failures = app.service.store
        .read({ types: ['PrintAttemptFailed'] })
        .map((e) => (e.data as { failure: string }).failure);
      assert.ok(failures.includes('timeout'));
    },
  );

  flow(
    'the disk fills while the printer is off: no ticket goes out unrecorded, and the backlog prints by itself once there is room',
    async ({ app, printer }) => {
      await printer.unplug();
      await eventually('the printer seen offline', async () => {
        const status = await app.json<{ printers: { status: string }[] }>('/connectivity/status');
        return status.printers[0]?.status === 'offline';
      });
      await postOrder(app);
      await postOrder(app);
      const db = app.service.store.connection;
      // Cap the file where it is, then use up its free pages too: the log soon meets a full disk.
      db.exec('CREATE TABLE filler (junk BLOB)');
      db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
      try {
        for (;;) db.prepare('INSERT INTO filler VALUES (randomblob(4000))').run();
      } catch {
        // SQLITE_FULL: the disk is full now.
      }
      const printedBefore = printer.printed().length;
      try {
        await printer.replug();
        await eventually('the saga failing to record (it stops, and restarts later)', () =>
          app.logLines.some((line) => line.includes('printer saga stopped; restarting')),
        );
        assert.is((await app.request('GET', '/health')).status, 200);
        const attempts = app.service.store.read({ types: ['PrintAttemptStarted'] }).length;
        assert.ok(
          printer.printed().length - printedBefore <= attempts,
          'every ticket that reached the printer has its attempt in the log',
        );
      } finally {
        db.pragma('max_page_count = 1073741823');
        db.exec('DROP TABLE filler');
      }
      await eventually(
        'the backlog printed after space returned',
        () => new Set(printed(app).map((event) => (event.data as { jobId: string }).jobId)).size === 4,
        20_000,
      );
    },
  );

  flow.run();
}
