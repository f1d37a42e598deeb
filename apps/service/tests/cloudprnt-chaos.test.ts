import { type FaultMode, faultModes } from '@bonrelay/printer-emulator';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { between, chaosSeed, seededRandom, sizeFromEnv } from './chaos-support/chaos-random.ts';
import { eventsOf, placeOrder, startCloudprntService } from './support/cloudprnt-service.ts';
import { startCloudprntPrinterUnderTest } from './support/printer-under-test/cloudprnt.ts';
import { eventually } from './support/test-service.ts';

const orderCount = sizeFromEnv('BONRELAY_TEST_CHAOS_ORDERS', 30);
const seed = chaosSeed();

test(`CloudPRNT chaos: ${orderCount} orders while the printer walks every fault mode (seed ${seed}) — nothing lost, nothing printed that the printer did not confirm`, async () => {
  const random = seededRandom(seed);
  const kitchen = await startCloudprntPrinterUnderTest({ slowPrintMs: 200 });
  const app = await startCloudprntService(
    { kitchen },
    {
      config: {
        printing: {
          maxAttempts: 1_000,
          breakerFailureThreshold: 3,
          backoff: { baseMs: 40, factor: 2, capMs: 300 },
          cloudprntConfirmTimeoutMs: 400,
        },
      },
    },
  );
  try {
    // Given: the printer goes through every fault mode, in a random order, at random moments…
    const schedule = [...faultModes];
    for (let index = schedule.length - 1; index > 0; index--) {
      const other = Math.floor(random() * (index + 1));
      [schedule[index], schedule[other]] = [schedule[other] as FaultMode, schedule[index] as FaultMode];
    }
    let chaosOver = false;
    const chaos = (async () => {
      for (const mode of schedule) {
        await kitchen.setMode(mode);
        await new Promise((resolve) => setTimeout(resolve, between(random, 150, 700)));
      }
      chaosOver = true;
    })();
    // …when orders keep arriving all the while,
    for (let n = 0; n < orderCount; n++) {
      await placeOrder(app);
      if (!chaosOver) await new Promise((resolve) => setTimeout(resolve, between(random, 20, 150)));
    }
    await chaos;
    await kitchen.setMode('online');

    // then: every ticket prints once the printer is fine again (reviving any that gave up)…
    const queued = eventsOf<{ jobId: string }>(app, 'PrintJobQueued').map((job) => job.jobId);
    await eventually(
      'every ticket printed',
      async () => {
        for (const { jobId } of eventsOf<{ jobId: string }>(app, 'PrintJobGaveUp')) {
          await app.request('POST', `/print-jobs/${jobId}/retry`);
        }
        const printed = new Set(
          eventsOf<{ jobId: string }>(app, 'PrintJobPrinted').map((event) => event.jobId),
        );
        return queued.every((jobId) => printed.has(jobId));
      },
      60_000,
    );
    assert.is(queued.length, orderCount * 2);
    // …and each "printed" is a confirmation the printer sent for a ticket it really put on paper.
    const printedEvents = eventsOf<{ confirmation: string }>(app, 'PrintJobPrinted');
    assert.ok(printedEvents.every((event) => event.confirmation === 'confirmed'));
    const confirmedByPrinter = kitchen.emulator.jobs.filter((job) => job.confirmedWith?.startsWith('2'));
    assert.ok(
      confirmedByPrinter.every((job) => job.complete),
      'the printer confirms only what it printed',
    );
    assert.ok(
      printedEvents.length <= confirmedByPrinter.length,
      `${printedEvents.length} printed, yet the printer confirmed ${confirmedByPrinter.length}`,
    );
    const failures = eventsOf<{ failure: string }>(app, 'PrintAttemptFailed');
    console.log(
      `CloudPRNT chaos (seed ${seed}): ${queued.length} tickets, modes ${schedule.join(' → ')}, ` +
        `on paper ${kitchen.printed().length}, failed attempts ${failures.length}`,
    );
  } finally {
    await app.stop();
    await kitchen.close();
  }
});

test.run();
