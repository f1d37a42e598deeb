import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createVirtualPrinter, renderKitchenTicket, toPlainText } from '../src/index.ts';
import { delivery, englishLayout, firstPrint, pickup } from './fixtures/orders.ts';

const paper = { cpl: 48, encoding: 'multilingual' } as const;
const kitchenTicket = renderKitchenTicket(delivery, firstPrint, englishLayout);

function inTempDir(work: (dir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bonrelay-virtual-printer-'));
    try {
      await work(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

test(
  'given no printer, when a kitchen ticket is printed, then it appears as a readable text file and is confirmed',
  inTempDir(async (dir) => {
    const tickets = join(dir, 'virtual-printer');
    const printer = createVirtualPrinter(tickets, () => new Date('2026-11-27T19:55:01.123Z'));

    const outcome = await printer.print(kitchenTicket, paper, 'job:order-1/kitchen');

    assert.is(outcome.ok && outcome.confirmation, 'confirmed');
    assert.equal(readdirSync(tickets), ['2026-11-27T19-55-01.123Z-job_order-1_kitchen.txt']);
    const text = readFileSync(join(tickets, readdirSync(tickets)[0]!), 'utf8');
    assert.is(text, toPlainText(kitchenTicket, paper));
    assert.ok(text.includes('2 x  Flammkuchen'), text);
    assert.not.ok(text.includes('\u001b'), 'no printer control bytes in the file');
  }),
);

test(
  'given several tickets, when they are printed, then each gets its own file and the names sort in print order',
  inTempDir(async (dir) => {
    let minute = 0;
    const printer = createVirtualPrinter(dir, () => new Date(Date.UTC(2026, 10, 27, 19, minute++)));

    await printer.print(kitchenTicket, paper, 'a-kitchen');
    await printer.print(renderKitchenTicket(pickup, firstPrint, englishLayout), paper, 'b-kitchen');

    const files = readdirSync(dir).sort();
    assert.equal(files, ['2026-11-27T19-00-00.000Z-a-kitchen.txt', '2026-11-27T19-01-00.000Z-b-kitchen.txt']);
    assert.is.not(readFileSync(join(dir, files[0]!), 'utf8'), readFileSync(join(dir, files[1]!), 'utf8'));
  }),
);

test(
  'given a directory that cannot be written, when a ticket is printed, then the attempt fails without reaching a printer and the status says error',
  inTempDir(async (dir) => {
    const blocked = join(dir, 'not-a-directory');
    writeFileSync(blocked, 'a file where the tickets should go');
    const printer = createVirtualPrinter(join(blocked, 'virtual-printer'));

    const outcome = await printer.print(kitchenTicket, paper, 'job-1');
    const status = await printer.status();

    assert.is(outcome.ok, false);
    assert.is(!outcome.ok && outcome.failure, 'error');
    assert.is(!outcome.ok && outcome.reachedPrinter, false);
    assert.match(!outcome.ok ? outcome.detail : '', /virtual printer could not write to/);
    assert.is(status.status, 'error');
  }),
);

test(
  'given a writable directory, when the virtual printer is asked how it is, then it is online',
  inTempDir(async (dir) => {
    const status = await createVirtualPrinter(join(dir, 'tickets')).status();
    assert.is(status.status, 'online');
    assert.match(status.reason, /writes tickets to/);
  }),
);

test.run();
