import { connect, type Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import type { FaultMode, PrinterEmulator } from '@bonrelay/printer-emulator';
import { startPrinterEmulator } from '@bonrelay/printer-emulator';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

/** A bare client that collects every byte the printer sends back. */
async function client(printer: PrinterEmulator) {
  const socket: Socket = connect(printer.port, printer.host);
  socket.on('error', () => {});
  let inbox = Buffer.alloc(0);
  let wake = () => {};
  socket.on('data', (chunk: Buffer) => {
    inbox = Buffer.concat([inbox, chunk]);
    wake();
  });
  await new Promise((resolve) => socket.once('connect', resolve));
  return {
    socket,
    send: (...bytes: number[]) => socket.write(Buffer.from(bytes)),
    /** Resolves with the first `count` bytes received once they are there. */
    received: (count: number) =>
      new Promise<number[]>((resolve) => {
        wake = () => inbox.length >= count && resolve([...inbox.subarray(0, count)]);
        wake();
      }),
    get inbox() {
      return [...inbox];
    },
  };
}

async function withPrinter(mode: FaultMode, run: (printer: PrinterEmulator) => Promise<void>) {
  const printer = await startPrinterEmulator({ mode, controlPort: false });
  try {
    await run(printer);
  } finally {
    await printer.close();
  }
}

const expectedStatus: [FaultMode, number[]][] = [
  ['online', [0x12, 0x12, 0x12, 0x12]],
  ['paper-near-end', [0x12, 0x12, 0x12, 0x1e]],
  ['paper-end', [0x1a, 0x32, 0x12, 0x7e]],
  ['cover-open', [0x1a, 0x16, 0x12, 0x12]],
  ['error', [0x1a, 0x52, 0x1a, 0x12]],
];
for (const [mode, bytes] of expectedStatus) {
  test(`given ${mode}, when DLE EOT 1-4 are asked, then each reply is a valid status byte for that state`, () =>
    withPrinter(mode, async (printer) => {
      const c = await client(printer);
      c.send(0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 3, 0x10, 0x04, 4);
      const replies = await c.received(4);
      assert.equal(replies, bytes);
      for (const byte of replies) assert.is(byte & 0x93, 0x12);
      c.socket.destroy();
    }));
}

test('given paper end, when a job ends with GS r 1, then GS r is answered only after paper is loaded', () =>
  withPrinter('paper-end', async (printer) => {
    const c = await client(printer);
    c.send(...Buffer.from('Table 1\n'), 0x1d, 0x72, 0x31, 0x10, 0x04, 2);
    assert.equal(await c.received(1), [0x32]);
    await printer.setMode('online');
    assert.equal(await c.received(2), [0x32, 0x00]);
    const [job] = await printer.waitForJobs(1);
    assert.ok(job?.complete);
    assert.match(job?.text ?? '', 'Table 1');
    c.socket.destroy();
  }));

test('given paper end, when a job arrives and the client hangs up its side, then the printer keeps the job and the connection until the paper is loaded', () =>
  withPrinter('paper-end', async (printer) => {
    // A stopped printer holds what it was sent; closing cleanly at once would pass for "took the job".
    const c = await client(printer);
    let ended = false;
    c.socket.on('end', () => {
      ended = true;
    });
    c.send(...Buffer.from('Table 3\n'), 0x10, 0x04, 1);
    c.socket.end();
    await c.received(1);
    await delay(50);
    assert.is(ended, false, 'the connection stays open while the printer is stopped');
    assert.equal(printer.jobs, []);
    await printer.setMode('online');
    await new Promise((resolve) => (ended ? resolve(undefined) : c.socket.once('end', resolve)));
    const [job] = await printer.waitForJobs(1);
    assert.ok(job?.complete);
    assert.match(job?.text ?? '', 'Table 3');
  }));

test('given a process id request, when the job printed, then the printer answers 37 22 d1-d4 00', () =>
  withPrinter('online', async (printer) => {
    const c = await client(printer);
    c.send(0x41, 0x0a, 0x1d, 0x28, 0x48, 0x06, 0x00, 0x30, 0x30, 0x41, 0x42, 0x43, 0x44);
    assert.equal(await c.received(7), [0x37, 0x22, 0x41, 0x42, 0x43, 0x44, 0x00]);
    c.socket.destroy();
  }));

test('given ASB enabled, when the cover opens and closes, then 4-byte statuses arrive; after ESC @ none', () =>
  withPrinter('online', async (printer) => {
    const c = await client(printer);
    c.send(0x1d, 0x61, 0xff);
    assert.equal(await c.received(4), [0x10, 0, 0, 0]);
    await printer.setMode('cover-open');
    assert.equal((await c.received(8)).slice(4), [0x38, 0, 0, 0]);
    await printer.setMode('paper-end');
    assert.equal((await c.received(12)).slice(8), [0x18, 0, 0x0f, 0]);
    await printer.setMode('online');
    c.send(0x1b, 0x40, 0x1d, 0x72, 0x31);
    assert.equal((await c.received(17)).slice(12), [0x10, 0, 0, 0, 0x00]);
    await printer.setMode('cover-open');
    c.send(0x10, 0x04, 1);
    assert.equal((await c.received(18)).slice(17), [0x1a]);
    c.socket.destroy();
  }));

test('given a mute printer, when asked anything, then it prints silently and closes when the client ends', () =>
  withPrinter('mute', async (printer) => {
    const c = await client(printer);
    c.send(0x10, 0x04, 1, ...Buffer.from('Table 2\n'), 0x1d, 0x72, 0x31);
    c.socket.end();
    await new Promise((resolve) => c.socket.once('end', resolve));
    assert.equal(c.inbox, []);
    const [job] = await printer.waitForJobs(1);
    assert.ok(job?.complete);
  }));

test('given two clients, when both send jobs, then the second waits until the first is done', () =>
  withPrinter('online', async (printer) => {
    const first = await client(printer);
    const second = await client(printer);
    second.send(...Buffer.from('second\n'), 0x1d, 0x72, 0x31);
    first.send(...Buffer.from('first\n'));
    const [job] = await printer.waitForJobs(0);
    assert.is(job, undefined);
    first.send(0x1d, 0x72, 0x31);
    await first.received(1);
    assert.is(second.inbox.length, 0);
    first.socket.end();
    await second.received(1);
    const jobs = await printer.waitForJobs(2);
    assert.equal(
      jobs.map((j) => j.text.trim()),
      ['first', 'second'],
    );
    second.socket.destroy();
  }));

test('given a job cut off by the client, when the connection drops, then the job is kept as incomplete', () =>
  withPrinter('online', async (printer) => {
    const c = await client(printer);
    c.send(...Buffer.from('half a ticket\n'), 0x10, 0x04, 1);
    await c.received(1);
    c.socket.resetAndDestroy();
    const [job] = await printer.waitForJobs(1);
    assert.is(job?.complete, false);
  }));

test('given offline, when switched back online, then the same port accepts jobs again', () =>
  withPrinter('online', async (printer) => {
    const port = printer.port;
    await printer.setMode('offline');
    const refused = connect(port, printer.host);
    const error = await new Promise<NodeJS.ErrnoException>((resolve) => refused.once('error', resolve));
    assert.is(error.code, 'ECONNREFUSED');
    await printer.setMode('online');
    assert.is(printer.port, port);
    const c = await client(printer);
    c.send(0x10, 0x04, 1);
    assert.equal(await c.received(1), [0x12]);
    c.socket.destroy();
  }));

test('given a client that connected while the printer hung, when it recovers, then that client is served', () =>
  withPrinter('blackhole', async (printer) => {
    // Over USB one connection (socat's) carries every job; a printer that hung once must not stay deaf on it.
    const c = await client(printer);
    c.send(0x10, 0x04, 1);
    await printer.setMode('online');
    const answer = await Promise.race([c.received(1), delay(2_000, 'no answer within 2 s')]);
    assert.equal(answer, [0x12]);
    c.send(...Buffer.from('after the hang\n'), 0x1d, 0x72, 0x31);
    await c.received(2);
    const [job] = await printer.waitForJobs(1);
    assert.is(job?.text.trim(), 'after the hang');
    c.socket.destroy();
  }));

test.run();
