import { startPrinterEmulator } from '@bonrelay/printer-emulator';
import { transform } from 'receiptline';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { sendPrintJob } from '../src/index.ts';

const ticket = Buffer.from(
  transform('^^^KITCHEN\n2|Margherita\n', { command: 'escpos', cpl: 48, encoding: 'multilingual' }),
  'latin1',
);
const quick = { connectTimeoutMs: 300, statusTimeoutMs: 150, completionTimeoutMs: 400 };

test('given a printer known to answer status, when it is silent, then the job is not sent blind', async () => {
  const printer = await startPrinterEmulator({ mode: 'mute', controlPort: false });
  try {
    const outcome = await sendPrintJob(
      { kind: 'tcp' as const, host: printer.host, port: printer.port },
      ticket,
      {
        ...quick,
        answersStatus: true,
      },
    );
    assert.equal(outcome.ok, false);
    assert.is(!outcome.ok && outcome.failure, 'timeout');
    assert.is(!outcome.ok && outcome.reachedPrinter, false);
    assert.is(
      printer.jobs.filter((job) => job.bytes.length > 0 && job.complete).length,
      0,
      'nothing printed',
    );
  } finally {
    await printer.close();
  }
});

test('given a printer never heard answering, the same silence means a mute printer: printed blind, `written`', async () => {
  const printer = await startPrinterEmulator({ mode: 'mute', controlPort: false });
  try {
    const outcome = await sendPrintJob(
      { kind: 'tcp' as const, host: printer.host, port: printer.port },
      ticket,
      quick,
    );
    assert.is(outcome.ok && outcome.confirmation, 'written');
  } finally {
    await printer.close();
  }
});

test.run();
