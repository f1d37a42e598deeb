import { randomBytes } from 'node:crypto';
import {
  type CloudprntEmulator,
  type CloudprntEmulatorOptions,
  startCloudprntEmulator,
} from '@bonrelay/printer-emulator';
import type { PrinterUnderTest } from './printer-under-test.ts';

/** Tests poll ten times a second, so "3 intervals of silence" is 300 ms, not 15 s. */
const cloudprntTestPollIntervalMs = 100;

/** A fresh printer MAC per printer, so two printers in one test never share one. */
function testMac(): string {
  return ['00', '11', '62', ...[...randomBytes(3)].map((byte) => byte.toString(16).padStart(2, '0'))].join(
    ':',
  );
}

/** The ESC/POS emulator's own slow pace, so `slow` is the same slow printer over every transport. */
const slowBytesPerSecond = 4_000;

/**
 * The CloudPRNT emulator as a printer under test: it takes plain text (offered after PNG and the Star
 * formats), so what it printed can be read back; `unplug` stops its polling, `replug` resumes it.
 * Fault modes are the status and confirmation codes a Star printer sends: `blackhole` fetches a job
 * and never confirms it, `mute` prints it and never confirms it, `offline` stops polling.
 */
export async function startCloudprntPrinterUnderTest(
  options: CloudprntEmulatorOptions = {},
): Promise<PrinterUnderTest & { readonly emulator: CloudprntEmulator }> {
  const emulator = startCloudprntEmulator({
    mac: testMac(),
    pollIntervalMs: cloudprntTestPollIntervalMs,
    mediaTypes: ['text/plain'],
    slowBytesPerSecond,
    ...options,
  });
  return {
    transport: 'cloudprnt',
    // Printed means the printer sent a 2xx for the job: nothing is ever counted on the strength of
    // bytes sent, whatever the printer is doing.
    blindModes: [],
    emulator,
    printerConfig: (name) => ({
      name,
      url: `cloudprnt://${emulator.mac}`,
      pollIntervalMs: options.pollIntervalMs ?? cloudprntTestPollIntervalMs,
      ...(options.credentials ?? {}),
    }),
    attach: async (serviceBaseUrl) => emulator.attach(`${serviceBaseUrl}/cloudprnt`),
    setMode: (mode) => emulator.setMode(mode),
    unplug: () => emulator.stopPolling(),
    replug: async () => emulator.resumePolling(),
    printed: () => emulator.jobs.filter((job) => job.complete).map((job) => ({ text: job.text })),
    close: () => emulator.close(),
  };
}
