import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { eventsOf, placeOrder, startCloudprntService } from './support/cloudprnt-service.ts';
import { startCloudprntPrinterUnderTest } from './support/printer-under-test/cloudprnt.ts';
import { eventually } from './support/test-service.ts';

type Failed = { jobId: string; failure: string; counted: boolean; detail?: string; possibleDuplicate?: true };
type Printed = { jobId: string; printer: string; confirmation: string };

/** The test service's printing settings (fast backoff), with `extra` on top. */
const printing = (extra: Record<string, unknown> = {}) => ({
  printing: { backoff: { baseMs: 50, factor: 2, capMs: 400 }, ...extra },
});

test('2xx: the ticket is printed, confirmed by the printer (DELETE or GET …&delete), in every media type it may pick', async () => {
  for (const [mediaType, looksLike, confirmWithGet] of [
    ['text/plain', /Kitchen|KITCHEN/, false],
    ['image/png', /^\[PNG 576×\d+\]$/, false],
    ['application/vnd.star.starprnt', /\d/, false],
    ['application/vnd.star.line', /\d/, true],
  ] as const) {
    const kitchen = await startCloudprntPrinterUnderTest({ mediaTypes: [mediaType], confirmWithGet });
    const app = await startCloudprntService({ kitchen });
    try {
      const order = await placeOrder(app);
      const printed = await eventually('both tickets printed', () => {
        const events = eventsOf<Printed>(app, 'PrintJobPrinted');
        return events.length === 2 ? events : undefined;
      });
      assert.ok(printed.every((event) => event.confirmation === 'confirmed' && event.printer === 'kitchen'));
      const jobs = kitchen.emulator.jobs;
      assert.equal(
        jobs.map((job) => [job.mediaType, job.confirmedWith]),
        [
          [mediaType, '200 OK'],
          [mediaType, '200 OK'],
        ],
      );
      assert.match(jobs[0]?.text ?? '', looksLike);
      if (mediaType !== 'image/png') assert.ok(jobs.some((job) => job.text.includes(order.number)));
    } finally {
      await app.stop();
      await kitchen.close();
    }
  }
});

test('520 (download failed): the job stays queued without burning an attempt, and prints once the network is fine', async () => {
  const kitchen = await startCloudprntPrinterUnderTest({ mode: 'reset-mid-job' });
  const app = await startCloudprntService({ kitchen }, { config: printing({ maxAttempts: 2 }) });
  try {
    await placeOrder(app);
    await eventually('several 520s', () => eventsOf<Failed>(app, 'PrintAttemptFailed').length >= 4);
    const failures = eventsOf<Failed>(app, 'PrintAttemptFailed');
    assert.ok(failures.every((failure) => failure.failure === 'unreachable' && !failure.counted));
    assert.match(failures[0]?.detail ?? '', /CloudPRNT 520/);
    assert.is(eventsOf(app, 'PrintJobGaveUp').length, 0, 'network trouble never gives up');
    await kitchen.setMode('online');
    await eventually('both tickets printed', () => eventsOf(app, 'PrintJobPrinted').length === 2, 15_000);
  } finally {
    await app.stop();
    await kitchen.close();
  }
});

test('520 again and again: the breaker opens, lets one job test the printer, and closes when it prints', async () => {
  const kitchen = await startCloudprntPrinterUnderTest({ mode: 'reset-mid-job' });
  const app = await startCloudprntService(
    { kitchen },
    { config: printing({ maxAttempts: 50, breakerFailureThreshold: 3 }) },
  );
  try {
    for (let n = 0; n < 3; n++) await placeOrder(app);
    const breaker = () =>
      eventsOf<{ from: string; to: string }>(app, 'PrinterBreakerChanged').map((e) => e.to);
    await eventually('the breaker open, then half-open to test', () =>
      breaker().join().includes('open,half-open'),
    );
    assert.equal(breaker()[0], 'open');
    await kitchen.setMode('online');
    await eventually('every ticket printed', () => eventsOf(app, 'PrintJobPrinted').length === 6, 20_000);
    assert.is(breaker().at(-1), 'closed');
  } finally {
    await app.stop();
    await kitchen.close();
  }
});

test('510 (media type not usable) and any other code: a typed failure that counts, backs off and gives up', async () => {
  for (const [setup, expected] of [
    ['jpeg only', /CloudPRNT 510/],
    ['599', /CloudPRNT 599 Mystery/],
  ] as const) {
    const kitchen = await startCloudprntPrinterUnderTest(
      setup === 'jpeg only' ? { mediaTypes: ['image/jpeg'] } : {},
    );
    if (setup === '599') kitchen.emulator.confirmJobsWith('599 Mystery');
    const app = await startCloudprntService({ kitchen }, { config: printing({ maxAttempts: 2 }) });
    try {
      await placeOrder(app);
      const gaveUp = await eventually('both tickets given up', () => {
        const events = eventsOf<{ lastFailure: string; attempts: number }>(app, 'PrintJobGaveUp');
        return events.length === 2 ? events : undefined;
      });
      assert.ok(gaveUp.every((event) => event.lastFailure === 'error' && event.attempts === 2));
      const failures = eventsOf<Failed>(app, 'PrintAttemptFailed');
      assert.is(failures.length, 4, `${setup}: two counted attempts per ticket, then nothing more`);
      assert.ok(failures.every((failure) => failure.counted && expected.test(failure.detail ?? '')));
      assert.is(eventsOf(app, 'PrintJobPrinted').length, 0);
      assert.equal(
        eventsOf<{ to: string }>(app, 'PrinterStatusChanged').map((change) => change.to),
        ['online'],
        'a job the printer refused says nothing about the printer',
      );
    } finally {
      await app.stop();
      await kitchen.close();
    }
  }
});

test('a job fetched and never confirmed within printing.cloudprntConfirmTimeoutMs prints again, marked POSSIBLE DUPLICATE', async () => {
  const kitchen = await startCloudprntPrinterUnderTest({ mode: 'blackhole' });
  const app = await startCloudprntService(
    { kitchen },
    { config: { ...printing({ cloudprntConfirmTimeoutMs: 300 }), routing: { customer: 'kitchen' } } },
  );
  try {
    await placeOrder(app);
    const failed = await eventually('the confirm deadline passed', () =>
      eventsOf<Failed>(app, 'PrintAttemptFailed').find((failure) => failure.failure === 'timeout'),
    );
    assert.is(failed.possibleDuplicate, true);
    assert.is(failed.counted, true);
    assert.not.ok(
      eventsOf<{ to: string }>(app, 'PrinterStatusChanged').some((change) => change.to === 'offline'),
      'a printer that keeps polling is not offline because a job went missing',
    );
    await kitchen.setMode('online');
    await eventually('both tickets printed', () => eventsOf(app, 'PrintJobPrinted').length === 2, 15_000);
    const printedTexts = kitchen.printed().map((job) => job.text);
    assert.ok(
      printedTexts.some((text) => text.includes('POSSIBLE DUPLICATE')),
      'the ticket that may already be on paper says so',
    );
    const job = await (await app.request('GET', `/api/print-jobs?limit=10`)).json();
    assert.ok(JSON.stringify(job).includes('"possibleDuplicate":true'));
  } finally {
    await app.stop();
    await kitchen.close();
  }
});

test('statusCode from the polls is the printer status, with its code and words in the event', async () => {
  const kitchen = await startCloudprntPrinterUnderTest();
  const app = await startCloudprntService({ kitchen });
  try {
    const statusChanges = () =>
      eventsOf<{ to: string; reason: string }>(app, 'PrinterStatusChanged').map(
        (e) => `${e.to}: ${e.reason}`,
      );
    await eventually('online', () => statusChanges().includes('online: CloudPRNT 200 OK'));
    for (const [mode, change] of [
      ['paper-end', 'paper-end: CloudPRNT 410 Paper Out'],
      ['cover-open', 'cover-open: CloudPRNT 420 Cover Open'],
      ['paper-near-end', 'paper-near-end: CloudPRNT 211 Paper Near End'],
      ['error', 'error: CloudPRNT 400 Printer Error'],
    ] as const) {
      await kitchen.setMode(mode);
      await eventually(change, () => statusChanges().includes(change));
    }
  } finally {
    await app.stop();
    await kitchen.close();
  }
});

test.run();
