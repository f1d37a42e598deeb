import type { StoredEvent } from '@bonrelay/event-store';
import { type FaultMode, faultModes } from '@bonrelay/printer-emulator';
import { makeWixOrder, orderCreatedDelivery, signWixWebhook } from '@bonrelay/wix-fake';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { between, chaosSeed, seededRandom, sizeFromEnv } from './chaos-support/chaos-random.ts';
import { printersUnderTest } from './support/printer-under-test/index.ts';
import { startServiceOver } from './support/printer-under-test/service-over.ts';
import { eventually, type TestService } from './support/test-service.ts';

const orderCount = sizeFromEnv('BONRELAY_TEST_CHAOS_ORDERS', 60);
const rounds = sizeFromEnv('BONRELAY_TEST_CHAOS_ROUNDS', 2);
const seed = chaosSeed();

type Printed = { jobId: string; attempt: number; confirmation: 'confirmed' | 'written' };
type ModeChange = { mode: FaultMode; at: number };

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

/** Whether the printer was in `mode` at any moment between `from` and `to` (ms since epoch). */
function modeDuring(history: readonly ModeChange[], mode: FaultMode, from: number, to: number): boolean {
  return history.some((change, index) => {
    const until = history[index + 1]?.at ?? Number.POSITIVE_INFINITY;
    return change.mode === mode && change.at <= to && until >= from;
  });
}

/** The modes the printer went through between `from` and `to`, for a failure message. */
function modesDuring(history: readonly ModeChange[], from: number, to: number): FaultMode[] {
  return history
    .filter(
      (change, index) => change.at <= to && (history[index + 1]?.at ?? Number.POSITIVE_INFINITY) >= from,
    )
    .map((change) => change.mode);
}

const printedEvents = (app: TestService): StoredEvent[] =>
  app.service.store.read({ types: ['PrintJobPrinted'] });

for (const { transport, start } of printersUnderTest) {
  test(`printer chaos over ${transport}: ${orderCount} orders while the printer walks every fault mode ${rounds}× (seed ${seed}) — nothing lost, nothing marked printed that did not print`, async () => {
    const random = seededRandom(seed);
    const printer = await start();
    // Where a job may be counted `written` without the printer confirming it differs per transport.
    const { blindModes } = printer;
    const app = await startServiceOver(printer, {
      config: {
        printing: {
          connectTimeoutMs: 200,
          statusTimeoutMs: 200,
          completionTimeoutMs: 800,
          // CloudPRNT's completion deadline: a job fetched and not confirmed is a timeout.
          cloudprntConfirmTimeoutMs: 800,
          maxAttempts: 1_000,
          breakerFailureThreshold: 3,
          backoff: { baseMs: 40, factor: 2, capMs: 300 },
        },
      },
    });
    try {
      const history: ModeChange[] = [{ mode: 'online', at: Date.now() }];
      const setMode = async (mode: FaultMode) => {
        history.push({ mode, at: Date.now() });
        await printer.setMode(mode);
      };

      // Given: the printer cycles through every fault mode at random intervals…
      const schedule = Array.from({ length: rounds }, () => shuffled(faultModes, random)).flat();
      let chaosOver = false;
      const chaos = (async () => {
        for (const mode of schedule) {
          await setMode(mode);
          await new Promise((resolve) => setTimeout(resolve, between(random, 150, 900)));
        }
        chaosOver = true;
      })();

      // …when orders keep arriving all the while,
      const orderIds: string[] = [];
      for (let n = 0; n < orderCount; n++) {
        const order = makeWixOrder({});
        const jwt = await signWixWebhook(orderCreatedDelivery(order), app.keys.privateKey);
        const response = await app.request('POST', '/webhooks/wix', jwt, { 'content-type': 'text/plain' });
        assert.is(response.status, 200, 'a printer fault never stops an order coming in');
        orderIds.push(order.id);
        if (!chaosOver) await new Promise((resolve) => setTimeout(resolve, between(random, 20, 200)));
      }
      await chaos;
      await setMode('online');

      // then: once the printer is back, every ticket prints — reviving any job that gave up.
      const queued = app.service.store
        .read({ types: ['PrintJobQueued'] })
        .map((e) => e.data as { jobId: string });
      const revived = new Set<string>();
      await eventually(
        'every ticket printed after the printer came back',
        async () => {
          for (const event of app.service.store.read({ types: ['PrintJobGaveUp'] })) {
            const { jobId } = event.data as { jobId: string };
            if (revived.has(jobId)) continue;
            revived.add(jobId);
            assert.is((await app.request('POST', `/print-jobs/${jobId}/retry`)).status < 300, true);
          }
          const printed = new Set(printedEvents(app).map((e) => (e.data as Printed).jobId));
          return queued.every((job) => printed.has(job.jobId));
        },
        60_000,
      );

      assert.is(queued.length >= orderCount * 2, true, 'kitchen and customer ticket for every order');
      const ordered = new Set(
        app.service.store
          .read({ types: ['OrderReceived'] })
          .map((e) => (e.data as { order: { id: string } }).order.id),
      );
      for (const id of orderIds) assert.ok(ordered.has(id), `order ${id} is in the log`);

      const printed = printedEvents(app);
      const confirmed = printed.filter((e) => (e.data as Printed).confirmation === 'confirmed');
      const complete = printer.printed().length;
      assert.ok(
        complete >= confirmed.length,
        `the emulator finished ${complete} jobs, yet ${confirmed.length} were confirmed printed`,
      );
      const started = new Map(
        app.service.store
          .read({ types: ['PrintAttemptStarted'] })
          .map((e) => [
            `${(e.data as Printed).jobId}#${(e.data as Printed).attempt}`,
            Date.parse(e.recordedAt),
          ]),
      );
      const written = printed.filter((e) => (e.data as Printed).confirmation === 'written');
      // The first word from the printer: its first status reply, or its first confirmed ticket.
      const heardAt = Math.min(
        ...app.service.store
          .read({ types: ['PrinterStatusChanged'] })
          .filter((e) => (e.data as { reason: string }).reason === 'status reply')
          .map((e) => e.position),
        ...confirmed.map((e) => e.position),
      );
      const startedAt = new Map(
        app.service.store
          .read({ types: ['PrintAttemptStarted'] })
          .map((e) => [`${(e.data as Printed).jobId}#${(e.data as Printed).attempt}`, e.position]),
      );
      // A ticket the emulator printed in full: its order's number, under the kitchen's header or not.
      const orderNumbers = new Map(
        app.service.store
          .read({ types: ['OrderReceived'] })
          .map((e) => (e.data as { order: { id: string; number?: string } }).order)
          .map((order) => [order.id, order.number]),
      );
      const reallyPrinted = (jobId: string) => {
        const [orderId, ticket] = jobId.split('/');
        const number = orderNumbers.get(orderId ?? '');
        return printer
          .printed()
          .some(
            (job) =>
              number !== undefined &&
              job.text.includes(`Order ${number}`) &&
              job.text.includes('KITCHEN') === (ticket === 'kitchen'),
          );
      };
      for (const event of written) {
        const { jobId, attempt } = event.data as Printed;
        const from = started.get(`${jobId}#${attempt}`) ?? 0;
        if (transport === 'usb') {
          assert.ok(
            (startedAt.get(`${jobId}#${attempt}`) ?? 0) < heardAt,
            `job ${jobId} counted as written over USB though the printer had answered status before (attempt ${attempt})`,
          );
        }
        // Over TCP `written` is the printer's own clean close: a blind ticket to a printer that hung
        // (or was busy with one) and then printed it and closed is honest too.
        assert.ok(
          blindModes.some((mode) => modeDuring(history, mode, from, Date.parse(event.recordedAt))) ||
            (transport === 'tcp' && reallyPrinted(jobId)),
          `job ${jobId} counted as written ${blindModes.length ? `while the printer was never ${blindModes.join(' or ')}` : `over ${transport}, where only a confirmation counts`} (attempt ${attempt}, ` +
            `modes then: ${modesDuring(history, from, Date.parse(event.recordedAt)).join(' → ')}, ` +
            `${Date.parse(event.recordedAt) - from} ms)`,
        );
      }
      const failures = app.service.store.read({ types: ['PrintAttemptFailed'] });
      const byFailure = new Map<string, number>();
      for (const e of failures) {
        const failure = (e.data as { failure: string }).failure;
        byFailure.set(failure, (byFailure.get(failure) ?? 0) + 1);
      }
      console.log(
        `printer chaos over ${transport} (seed ${seed}): orders ${orderIds.length}, jobs ${queued.length}, mode changes ${history.length}, ` +
          `printed ${printed.length} (confirmed ${confirmed.length}, written ${written.length}), ` +
          `emulator complete ${complete}, failed attempts ${failures.length} ` +
          `${JSON.stringify(Object.fromEntries(byFailure))}, gave up and revived ${revived.size}`,
      );
    } finally {
      // A failed expectation must fail the file, not leave the service holding the process open.
      await app.stop();
      await printer.close();
    }
  });
}

test.run();
