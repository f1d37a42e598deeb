// Per printer transport (TCP, USB behind a socat pty, CloudPRNT polling over loopback HTTP, and any
// other the printer-under-test list holds): how soon an outage is recorded, how soon the first
// ticket prints once the printer is back, and how fast a backlog drains — with the shipped monitor
// and printing defaults.
import { makeWixOrder, orderCreatedDelivery, signWixWebhook } from '@bonrelay/wix-fake';
import {
  type PrinterUnderTest,
  printersUnderTest,
} from '../../../../apps/service/tests/support/printer-under-test/index.ts';
import { startServiceOver } from '../../../../apps/service/tests/support/printer-under-test/service-over.ts';
import { eventually, type TestService } from '../../../../apps/service/tests/support/test-service.ts';
import { numberArg } from '../support/args.ts';
import { markdownTable } from '../support/table.ts';

/** The defaults a restaurant gets (the test service's own monitor settings are much faster). */
const shippedDefaults = {
  monitor: {
    printerIdleIntervalMs: 10_000,
    printerFastIntervalMs: 250,
    printerProbeTimeoutMs: 1_000,
    printerAgreeingProbes: 2,
  },
  printing: {
    connectTimeoutMs: 2_000,
    statusTimeoutMs: 1_000,
    completionTimeoutMs: 20_000,
    backoff: { baseMs: 1_000, factor: 2, capMs: 60_000 },
  },
  usb: { presenceIntervalMs: 250 },
};

const changesTo = (app: TestService, to: string, since: number) =>
  app.service.store
    .read({ types: ['PrinterStatusChanged'] })
    .filter((event) => (event.data as { to: string }).to === to && Date.parse(event.recordedAt) >= since);
const printedTimes = (app: TestService) =>
  app.service.store.read({ types: ['PrintJobPrinted'] }).map((event) => Date.parse(event.recordedAt));

async function postOrders(app: TestService, count: number): Promise<void> {
  for (let n = 0; n < count; n++) {
    const jwt = await signWixWebhook(orderCreatedDelivery(makeWixOrder({})), app.keys.privateKey);
    const response = await app.request('POST', '/webhooks/wix', jwt);
    if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
  }
}

interface Figures {
  readonly offlineMs: number[];
  readonly firstTicketMs: number[];
  readonly drainTickets: number;
  readonly drainMs: number;
}

/** One transport: `rounds` idle outages, `rounds` outages with orders waiting, then one big backlog. */
async function measure(printer: PrinterUnderTest, rounds: number, backlogOrders: number): Promise<Figures> {
  const app = await startServiceOver(printer, { config: shippedDefaults });
  try {
    await eventually('the printer seen online', () => changesTo(app, 'online', 0).length > 0, 30_000);
    const offlineMs: number[] = [];
    const firstTicketMs: number[] = [];
    for (let round = 0; round < rounds; round++) {
      // Idle: nothing waits, so only the monitor (and, over USB, the device watch) can notice.
      const away = Date.now();
      await printer.unplug();
      const offline = await eventually('offline', () => changesTo(app, 'offline', away)[0], 60_000);
      offlineMs.push(Date.parse(offline.recordedAt) - away);
      // With tickets waiting, and a backoff grown over a few seconds of failures.
      const printedBefore = printedTimes(app).length;
      await postOrders(app, 2);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const back = Date.now();
      await printer.replug();
      await eventually('printed again', () => printedTimes(app).length > printedBefore, 60_000);
      firstTicketMs.push(Math.min(...printedTimes(app).slice(printedBefore)) - back);
      await eventually('backlog printed', () => printedTimes(app).length === printedBefore + 4, 60_000);
    }
    // A backlog built while the printer is away, drained once it returns.
    await printer.unplug();
    const before = printedTimes(app).length;
    await postOrders(app, backlogOrders);
    await printer.replug();
    const tickets = backlogOrders * 2;
    await eventually('the backlog drained', () => printedTimes(app).length >= before + tickets, 600_000);
    const times = printedTimes(app).slice(before);
    return {
      offlineMs,
      firstTicketMs,
      drainTickets: tickets,
      drainMs: Math.max(...times) - Math.min(...times),
    };
  } finally {
    await app.stop();
  }
}

const ms = (values: readonly number[]) =>
  `${Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0)} ms (max ${Math.round(Math.max(...values))})`;

/**
 * The printer figures of the README, per transport, against the printer emulator in this process.
 * Args: `--rounds N` (outages timed, default 3), `--orders N` (orders in the drained backlog, two
 * tickets each, default 150).
 */
export async function run(args: string[]): Promise<void> {
  const rounds = numberArg(args, '--rounds', 3);
  const orders = numberArg(args, '--orders', 150);
  const rows: string[][] = [];
  for (const { transport, start } of printersUnderTest) {
    // A CloudPRNT printer polls every 5 s out of the box; the other transports ignore the setting.
    const printer = await start({ pollIntervalMs: 5_000 });
    try {
      const figures = await measure(printer, rounds, orders);
      rows.push([
        transport,
        ms(figures.offlineMs),
        ms(figures.firstTicketMs),
        `${((figures.drainTickets / figures.drainMs) * 1000).toFixed(1)} tickets/s (${figures.drainTickets} in ${(figures.drainMs / 1000).toFixed(1)} s)`,
      ]);
      console.log(`${transport}: ${JSON.stringify(figures)}`);
    } finally {
      await printer.close();
    }
  }
  console.log(`\n### printer transports (shipped defaults; median of ${rounds} outages)\n`);
  console.log(
    markdownTable(
      ['transport', 'printer away → offline (idle)', 'printer back → first ticket', 'backlog drain'],
      rows,
    ),
  );
}
