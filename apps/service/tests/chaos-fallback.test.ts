import { type FaultMode, faultModes, startPrinterEmulator } from '@bonrelay/printer-emulator';
import { makeWixOrder, orderCreatedDelivery, signWixWebhook } from '@bonrelay/wix-fake';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { between, chaosSeed, seededRandom, sizeFromEnv } from './chaos-support/chaos-random.ts';
import { eventually, startTestService } from './support/test-service.ts';

const orderCount = sizeFromEnv('BONRELAY_TEST_CHAOS_ORDERS', 50);
const rounds = sizeFromEnv('BONRELAY_TEST_CHAOS_ROUNDS', 2);
const seed = chaosSeed();
const fallbackAfterMs = 300;

/** Modes that keep a printer from printing long enough for its tickets to move. */
const down: readonly FaultMode[] = ['offline', 'paper-end', 'cover-open', 'error'];

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

test(`fallback chaos: ${orderCount} orders while the kitchen printer walks every fault mode ${rounds}× and the bar takes over (seed ${seed}) — nothing lost, nothing on both printers unmarked`, async () => {
  const random = seededRandom(seed);
  const kitchen = await startPrinterEmulator({ controlPort: false });
  const bar = await startPrinterEmulator({ controlPort: false });
  const app = await startTestService({
    printer: kitchen,
    env: { BONRELAY_PRINTER_URL: '' },
    config: {
      printers: [
        { name: 'kitchen', url: kitchen.url },
        { name: 'bar', url: bar.url },
      ],
      routing: { kitchen: 'kitchen', customer: 'bar', fallback: { kitchen: 'bar' } },
      printing: {
        connectTimeoutMs: 200,
        statusTimeoutMs: 200,
        completionTimeoutMs: 800,
        maxAttempts: 1_000,
        breakerFailureThreshold: 3,
        backoff: { baseMs: 40, factor: 2, capMs: 300 },
        fallbackAfterMs,
      },
    },
  });
  try {
    // Given: the kitchen printer cycles through every fault mode, the ones that stop it printing
    // for longer than the fallback wait…
    const schedule = Array.from({ length: rounds }, () => shuffled(faultModes, random)).flat();
    let chaosOver = false;
    const chaos = (async () => {
      for (const mode of schedule) {
        await kitchen.setMode(mode);
        const stay = down.includes(mode)
          ? between(random, 2 * fallbackAfterMs, 1_500)
          : between(random, 150, 700);
        await new Promise((resolve) => setTimeout(resolve, stay));
      }
      chaosOver = true;
    })();

    // …when orders keep arriving all the while (spread over the whole walk, so some arrive while it
    // is failed over, some just after it came back),
    const numbers: string[] = [];
    for (let n = 0; n < orderCount; n++) {
      const order = makeWixOrder({});
      const jwt = await signWixWebhook(orderCreatedDelivery(order), app.keys.privateKey);
      assert.is((await app.request('POST', '/webhooks/wix', jwt)).status, 200);
      numbers.push(order.number);
      if (!chaosOver) await new Promise((resolve) => setTimeout(resolve, between(random, 50, 450)));
    }
    await chaos;
    await kitchen.setMode('online');

    // then every ticket prints somewhere (reviving any that gave up)…
    const queued = app.service.store
      .read({ types: ['PrintJobQueued'] })
      .map((e) => (e.data as { jobId: string }).jobId);
    const revived = new Set<string>();
    await eventually(
      'every ticket printed',
      async () => {
        for (const event of app.service.store.read({ types: ['PrintJobGaveUp'] })) {
          const { jobId } = event.data as { jobId: string };
          if (revived.has(jobId)) continue;
          revived.add(jobId);
          assert.ok((await app.request('POST', `/print-jobs/${jobId}/retry`)).status < 300);
        }
        const printed = new Set(
          app.service.store
            .read({ types: ['PrintJobPrinted'] })
            .map((e) => (e.data as { jobId: string }).jobId),
        );
        return queued.every((jobId) => printed.has(jobId));
      },
      60_000,
    );
    assert.is(queued.length, orderCount * 2);

    // …a kitchen ticket on the bar says where it belongs, and one that may also be on the kitchen's
    // paper says so too.
    const kitchenTickets = (printer: typeof kitchen, number: string) =>
      printer.jobs.filter((job) => job.text.includes('KITCHEN') && job.text.includes(number));
    let onBar = 0;
    let onBoth = 0;
    for (const number of numbers) {
      const there = kitchenTickets(kitchen, number);
      const moved = kitchenTickets(bar, number);
      if (moved.length === 0) continue;
      onBar += 1;
      for (const job of moved) assert.ok(job.text.includes('FALLBACK - FOR KITCHEN'), job.text);
      if (there.length === 0) continue;
      onBoth += 1;
      assert.ok(
        moved.every((job) => job.text.includes('POSSIBLE DUPLICATE')),
        `order ${number}: its kitchen ticket reached the kitchen printer and printed on the bar unmarked`,
      );
    }
    const failedOver = app.service.store.read({ types: ['PrinterFailedOver'] }).length;
    const failedBack = app.service.store.read({ types: ['PrinterFailedBack'] }).length;
    assert.ok(failedOver > 0, 'the kitchen was down long enough with tickets waiting to fail over');
    await eventually(
      'failed back once the kitchen prints',
      () => app.service.store.read({ types: ['PrinterFailedBack'] }).length === failedOver,
    );
    console.log(
      `fallback chaos (seed ${seed}): orders ${numbers.length}, fail-overs ${failedOver} (back ${failedBack}), ` +
        `kitchen tickets on the bar ${onBar}, of them also on the kitchen printer ${onBoth}, revived ${revived.size}`,
    );
  } finally {
    await app.stop();
    await Promise.all([kitchen.close(), bar.close()]);
  }
});

test.run();
