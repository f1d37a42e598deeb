import { connect } from 'node:net';
import { startPrinterEmulator } from '@bonrelay/printer-emulator';
import { sendPrintJob } from '@bonrelay/printing';

/** A kitchen ticket of realistic size (about 1.5 KB of ESC/POS), ending with GS r 1. */
function kitchenTicket(): Buffer {
  const lines = ['\x1b@\x1da\x00\x1d!\x11KITCHEN\x1d!\x00', 'Order 1042            19:42', '-'.repeat(48)];
  for (let i = 1; i <= 24; i++) lines.push(`${i % 3 || 1} x Dish number ${i} with a long name`.padEnd(48));
  return Buffer.from(`${lines.join('\n')}\n\x1dVB\x00\x1dr1`, 'latin1');
}

/** The floor: open a socket, write the job, close, wait for the printer to close too. */
function rawWrite(host: string, port: number, bytes: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, host, () => socket.end(bytes));
    socket.on('error', reject);
    socket.on('close', () => resolve());
    socket.resume();
  });
}

/** The floor for the same guarantee: write on a raw socket and wait for the GS r reply byte. */
function rawWriteConfirmed(host: string, port: number, bytes: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, host, () => socket.write(bytes));
    socket.on('error', reject);
    socket.once('data', () => {
      socket.destroy();
      resolve();
    });
  });
}

async function timeJobs(count: number, send: () => Promise<void>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i++) await send();
  return performance.now() - started;
}

/**
 * What the honesty of `sendPrintJob` (status first, wait for the printer's completion reply)
 * costs against writing the same bytes on a raw socket, both to the emulator in the same run.
 * Args: `--jobs N` (default 300).
 */
export async function run(args: string[]): Promise<void> {
  const jobsArg = args.indexOf('--jobs');
  const jobs = jobsArg >= 0 ? Number(args[jobsArg + 1]) : 300;
  const ticket = kitchenTicket();
  const printer = await startPrinterEmulator({ controlPort: false });
  const timeouts = { connectTimeoutMs: 2000, statusTimeoutMs: 2000, completionTimeoutMs: 5000 };
  try {
    const address = { kind: 'tcp' as const, host: printer.host, port: printer.port };
    // Warm-up: JIT, sockets, the emulator's renderer.
    for (let i = 0; i < 20; i++) await rawWrite(printer.host, printer.port, ticket);
    for (let i = 0; i < 20; i++) await sendPrintJob(address, ticket, timeouts);
    const rawMs = await timeJobs(jobs, () => rawWrite(printer.host, printer.port, ticket));
    const confirmedMs = await timeJobs(jobs, () => rawWriteConfirmed(printer.host, printer.port, ticket));
    let failures = 0;
    const transportMs = await timeJobs(jobs, async () => {
      const outcome = await sendPrintJob(address, ticket, timeouts);
      if (!outcome.ok || outcome.confirmation !== 'confirmed') failures++;
    });
    const row = (name: string, ms: number) =>
      `| ${name} | ${jobs} | ${ms.toFixed(0)} | ${((jobs / ms) * 1000).toFixed(0)} | ${(ms / jobs).toFixed(3)} | ${(ms / rawMs).toFixed(2)}× |`;
    console.log(
      `\n### transport: sendPrintJob vs raw socket write (${ticket.length}-byte ticket, emulator online)\n`,
    );
    console.log('| path | jobs | total ms | jobs/s | ms/job | time vs raw |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
    console.log(row('raw net.Socket write + close', rawMs));
    console.log(row('raw net.Socket write + wait for GS r reply', confirmedMs));
    console.log(row('sendPrintJob (status + write + GS r confirmation)', transportMs));
    console.log(
      `\n${failures} of ${jobs} sendPrintJob calls not confirmed; emulator stored ${printer.jobs.length} jobs.`,
    );
  } finally {
    await printer.close();
  }
}
