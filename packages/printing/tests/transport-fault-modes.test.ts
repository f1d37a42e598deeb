import type { FaultMode, PrinterEmulator } from '@bonrelay/printer-emulator';
import { startPrinterEmulator } from '@bonrelay/printer-emulator';
import { transform } from 'receiptline';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parsePrinterUrl, queryPrinterStatus, sendPrintJob } from '../src/index.ts';

const ticket = Buffer.from(
  transform('^^^KITCHEN\nTable 12\n---\n2|Margherita\n1|Tiramisu\n', {
    command: 'escpos',
    cpl: 48,
    encoding: 'multilingual',
  }),
  'latin1',
);
const quick = { connectTimeoutMs: 300, statusTimeoutMs: 150, completionTimeoutMs: 400 };

async function withPrinter(
  mode: FaultMode,
  run: (printer: PrinterEmulator) => Promise<void>,
  slowBytesPerSecond?: number,
) {
  const printer = await startPrinterEmulator({ mode, controlPort: false, slowBytesPerSecond });
  try {
    await run(printer);
  } finally {
    await printer.close();
  }
}

test('given an online printer, when a ticket is sent, then it is confirmed and printed whole', () =>
  withPrinter('online', async (printer) => {
    const outcome = await sendPrintJob(parsePrinterUrl(printer.url), ticket, quick);
    assert.is(outcome.ok && outcome.confirmation, 'confirmed');
    const [job] = await printer.waitForJobs(1);
    assert.ok(job?.complete);
    assert.ok(job?.bytes.equals(ticket));
    assert.match(job?.text ?? '', 'Margherita');
  }));

test('given paper near end, when a ticket is sent, then it still prints and is confirmed', () =>
  withPrinter('paper-near-end', async (printer) => {
    const outcome = await sendPrintJob(parsePrinterUrl(printer.url), ticket, quick);
    assert.is(outcome.ok && outcome.confirmation, 'confirmed');
  }));

test('given a mute printer, when a ticket is sent, then it counts as written (all we can know)', () =>
  withPrinter('mute', async (printer) => {
    const outcome = await sendPrintJob(parsePrinterUrl(printer.url), ticket, quick);
    assert.is(outcome.ok && outcome.confirmation, 'written');
    const [job] = await printer.waitForJobs(1);
    assert.ok(job?.complete);
  }));

test('given a printer switched off, when a ticket is sent, then the connection is refused', () =>
  withPrinter('offline', async (printer) => {
    const outcome = await sendPrintJob(parsePrinterUrl(printer.url), ticket, quick);
    assert.equal(outcome.ok ? outcome : { failure: outcome.failure, reached: outcome.reachedPrinter }, {
      failure: 'refused',
      reached: false,
    });
  }));

for (const mode of ['paper-end', 'cover-open', 'error'] as const) {
  test(`given ${mode}, when a ticket is sent, then it fails as ${mode} and nothing is printed`, () =>
    withPrinter(mode, async (printer) => {
      const outcome = await sendPrintJob(parsePrinterUrl(printer.url), ticket, quick);
      assert.equal(outcome.ok ? outcome : { failure: outcome.failure, reached: outcome.reachedPrinter }, {
        failure: mode,
        reached: false,
      });
      assert.is(printer.jobs.length, 0);
    }));
}

test('given a black-hole printer, when a ticket is sent, then it times out', () =>
  withPrinter('blackhole', async (printer) => {
    const outcome = await sendPrintJob(parsePrinterUrl(printer.url), ticket, quick);
    assert.is(!outcome.ok && outcome.failure, 'timeout');
  }));

test('given a printer that resets mid-job, when a ticket is sent, then it fails as reset-mid-job', () =>
  withPrinter('reset-mid-job', async (printer) => {
    const outcome = await sendPrintJob(parsePrinterUrl(printer.url), ticket, quick);
    assert.equal(outcome.ok ? outcome : { failure: outcome.failure, reached: outcome.reachedPrinter }, {
      failure: 'reset-mid-job',
      reached: true,
    });
    const [job] = await printer.waitForJobs(1);
    assert.not.ok(job?.complete);
  }));

test('given a slow printer and time enough, when a ticket is sent, then it is confirmed', () =>
  withPrinter(
    'slow',
    async (printer) => {
      const outcome = await sendPrintJob(parsePrinterUrl(printer.url), ticket, {
        ...quick,
        completionTimeoutMs: 2000,
      });
      assert.is(outcome.ok && outcome.confirmation, 'confirmed');
    },
    ticket.length * 5,
  ));

test('given a slow printer and too little time, when a ticket is sent, then it times out', () =>
  withPrinter(
    'slow',
    async (printer) => {
      const outcome = await sendPrintJob(parsePrinterUrl(printer.url), ticket, {
        ...quick,
        completionTimeoutMs: 50,
      });
      assert.equal(outcome.ok ? outcome : { failure: outcome.failure, reached: outcome.reachedPrinter }, {
        failure: 'timeout',
        reached: true,
      });
    },
    ticket.length,
  ));

const probes: [FaultMode, object][] = [
  ['online', { reachable: true, status: 'online', answered: true }],
  ['paper-near-end', { reachable: true, status: 'paper-near-end', answered: true }],
  ['paper-end', { reachable: true, status: 'paper-end', answered: true }],
  ['cover-open', { reachable: true, status: 'cover-open', answered: true }],
  ['error', { reachable: true, status: 'error', answered: true }],
  ['mute', { reachable: true, status: 'online', answered: false }],
  ['offline', { reachable: false, failure: 'refused' }],
];
for (const [mode, expected] of probes) {
  test(`given a printer in ${mode}, when its status is queried, then the probe says so`, () =>
    withPrinter(mode, async (printer) => {
      const { latencyMs, ...probe } = await queryPrinterStatus(parsePrinterUrl(printer.url), quick);
      assert.equal(probe, expected);
      assert.ok(latencyMs >= 0);
    }));
}

test.run();
