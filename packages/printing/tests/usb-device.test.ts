import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canEmulateUsb, startPrinterEmulator, startUsbPty } from '@bonrelay/printer-emulator';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { queryPrinterStatus, sendPrintJob } from '../src/index.ts';

const quick = { connectTimeoutMs: 300, statusTimeoutMs: 150, completionTimeoutMs: 400 };
const ticket = Buffer.from('\x1b@Table 7\n2 Pizza\n', 'latin1');
const dir = mkdtempSync(join(tmpdir(), 'bonrelay-usb-device-'));

test('given no device at the path, when a ticket is sent, then it is unreachable (unplugged) and not sent', async () => {
  const outcome = await sendPrintJob({ kind: 'usb-device', path: join(dir, 'lp7') }, ticket, quick);
  assert.equal(outcome.ok ? outcome : { failure: outcome.failure, reached: outcome.reachedPrinter }, {
    failure: 'unreachable',
    reached: false,
  });
  assert.match(outcome.ok ? '' : outcome.detail, 'unplugged');
});

test('given a plain file where the device should be, when probed, then it is not taken for a printer', async () => {
  const file = join(dir, 'not-a-device');
  writeFileSync(file, '');
  const probe = await queryPrinterStatus({ kind: 'usb-device', path: file }, quick);
  assert.equal({ reachable: probe.reachable }, { reachable: false });
});

if (canEmulateUsb()) {
  test('given 12 hung USB printers (more than libuv has threads), when all are asked at once, then file I/O still runs', async () => {
    const printer = await startPrinterEmulator({ mode: 'blackhole', controlPort: false });
    const devices = await Promise.all(
      Array.from({ length: 12 }, (_, n) => startUsbPty(printer, { dir, name: `hung${n}` })),
    );
    try {
      const waits = devices.map((device) =>
        queryPrinterStatus({ kind: 'usb-device', path: device.path }, { ...quick, statusTimeoutMs: 1_500 }),
      );
      // While every dialogue waits for a reply that never comes, the thread pool must stay free.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = performance.now();
      await readFile(new URL(import.meta.url));
      const fileMs = performance.now() - started;
      assert.ok(fileMs < 500, `a file read waited ${fileMs.toFixed(0)} ms behind stuck device reads`);
      for (const probe of await Promise.all(waits)) {
        assert.equal(probe.reachable && { status: probe.status, answered: probe.answered }, {
          status: 'online',
          answered: false,
        });
      }
    } finally {
      await Promise.all(devices.map((device) => device.close()));
      await printer.close();
    }
  });

  test('given a ticket printing on a USB printer, when the monitor probes meanwhile, then it does not read beside the job', async () => {
    const printer = await startPrinterEmulator({
      mode: 'slow',
      slowBytesPerSecond: 2_000,
      controlPort: false,
    });
    const device = await startUsbPty(printer, { dir, name: 'busy' });
    const address = { kind: 'usb-device', path: device.path } as const;
    try {
      const job = sendPrintJob(address, Buffer.concat([ticket, Buffer.alloc(400, 0x41)]), {
        ...quick,
        completionTimeoutMs: 3_000,
      });
      await new Promise((resolve) => setTimeout(resolve, 60));
      const probe = await queryPrinterStatus(address, quick);
      assert.equal(probe.reachable && { busy: probe.busy, status: probe.status }, {
        busy: true,
        status: 'online',
      });
      const outcome = await job;
      assert.is(outcome.ok && outcome.confirmation, 'confirmed');
      const after = await queryPrinterStatus(address, quick);
      assert.equal(after.reachable && { answered: after.answered, status: after.status }, {
        answered: true,
        status: 'online',
      });
    } finally {
      await device.close();
      await printer.close();
    }
  });

  test('given two tickets for one USB printer at once, then they take turns; one that cannot get a turn in time is not sent', async () => {
    const printer = await startPrinterEmulator({
      mode: 'slow',
      slowBytesPerSecond: 4_000,
      controlPort: false,
    });
    const device = await startUsbPty(printer, { dir, name: 'turns' });
    const address = { kind: 'usb-device', path: device.path } as const;
    const long = Buffer.concat([ticket, Buffer.alloc(600, 0x41)]);
    try {
      const relaxed = { ...quick, connectTimeoutMs: 3_000, completionTimeoutMs: 3_000 };
      const both = await Promise.all([
        sendPrintJob(address, long, relaxed),
        sendPrintJob(address, long, relaxed),
      ]);
      assert.equal(
        both.map((outcome) => outcome.ok && outcome.confirmation),
        ['confirmed', 'confirmed'],
      );
      const first = sendPrintJob(address, long, relaxed);
      await new Promise((resolve) => setTimeout(resolve, 40));
      const impatient = await sendPrintJob(address, ticket, { ...quick, connectTimeoutMs: 20 });
      assert.equal(
        impatient.ok ? impatient : { failure: impatient.failure, reached: impatient.reachedPrinter },
        {
          failure: 'timeout',
          reached: false,
        },
      );
      assert.match(impatient.ok ? '' : impatient.detail, 'stayed busy');
      assert.is((await first).ok, true);
      assert.is(printer.jobs.filter((job) => job.complete).length, 3);
    } finally {
      await device.close();
      await printer.close();
    }
  });

  test('given a USB printer unplugged and plugged back in, when tickets are sent, then offline, then printed again', async () => {
    const printer = await startPrinterEmulator({ controlPort: false });
    const device = await startUsbPty(printer, { dir, name: 'replug' });
    const address = { kind: 'usb-device', path: device.path } as const;
    try {
      assert.is((await sendPrintJob(address, ticket, quick)).ok, true);
      await device.unplug();
      const unplugged = await sendPrintJob(address, ticket, quick);
      assert.equal(unplugged.ok ? unplugged : unplugged.failure, 'unreachable');
      await device.replug();
      const back = await sendPrintJob(address, ticket, quick);
      assert.is(back.ok && back.confirmation, 'confirmed');
      assert.is(printer.jobs.filter((job) => job.complete).length, 2);
    } finally {
      await device.close();
      await printer.close();
    }
  });
} else {
  console.log('socat is missing: the pseudo-terminal USB device tests are skipped');
}

test.run();
