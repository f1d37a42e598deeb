import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../../../apps/service/src/config/index.ts';
import { numberArg } from '../support/args.ts';
import { type BenchChild, type ChildMessage, startChild } from '../support/child-process.ts';
import { formatMegabytes } from '../support/memory.ts';
import { type PrintHistory, writePrintHistory } from '../support/print-history.ts';
import { formatRatio, markdownTable } from '../support/table.ts';
import { temporaryDirectory } from '../support/temp-dir.ts';

const supportDir = join(import.meta.dirname, '..', 'support');
const printer = 'kitchen';

interface PrinterStats extends ChildMessage {
  readonly printed: number;
  readonly firstJobAt?: number;
}

interface QueueStatus {
  readonly total: number;
  readonly byState: { readonly printed: number };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function queueStatus(url: string): Promise<QueueStatus> {
  return (await (await fetch(`${url}/offline/queue/status`)).json()) as QueueStatus;
}

/** A delivery typed in at the counter: three tickets (kitchen, receipt, driver slip with its QR). */
async function postOrder(url: string, index: number): Promise<void> {
  const answer = await fetch(`${url}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      currency: 'EUR',
      fulfilment: {
        kind: 'delivery',
        address: { line: `Lindenstraße ${1 + (index % 500)}`, city: 'Berlin', postalCode: '10969' },
      },
      customer: { firstName: 'Anna', lastName: 'Gast', phone: '+49 30 1234567' },
      lineItems: [
        { name: 'Margherita', quantity: 2, unitPrice: 950, options: [{ name: 'extra basil' }] },
        { name: 'Tiramisu', quantity: 1, unitPrice: 650 },
      ],
    }),
  });
  if (!answer.ok) throw new Error(`POST /orders answered ${answer.status}: ${await answer.text()}`);
  await answer.arrayBuffer();
}

/**
 * One run: with the printer switched off, `orders` orders are queued; then the printer comes back
 * and the backlog drains. Answers the time per ticket from the first ticket on paper to the last
 * one the service recorded printed (the printer monitor's detection is not part of it).
 */
async function drainRun(service: BenchChild, printerChild: BenchChild, orders: number, offset: number) {
  const url = String(service.ready.url);
  await printerChild.ask('mode', { mode: 'offline' });
  const before = await queueStatus(url);
  for (let index = 0; index < orders; index += 1) await postOrder(url, offset + index);
  await service.ask('settled');
  const tickets = (await queueStatus(url)).total - before.total;
  const target = before.byState.printed + tickets;
  const { printed: printerBefore } = await printerChild.ask<PrinterStats>('reset');
  await printerChild.ask('mode', { mode: 'online' });
  for (;;) {
    const { printed } = await printerChild.ask<PrinterStats>('stats');
    if (printed >= printerBefore + tickets) break;
    await pause(printed >= printerBefore + tickets - 10 ? 2 : 50);
  }
  while ((await queueStatus(url)).byState.printed < target) await pause(2);
  const doneAt = Date.now();
  const { firstJobAt } = await printerChild.ask<PrinterStats>('stats');
  return { tickets, msPerTicket: (doneAt - (firstJobAt ?? doneAt)) / tickets };
}

interface HistoryResult {
  readonly history: PrintHistory;
  readonly writeMs: number;
  readonly startMs: number;
  readonly rssAfterStart: number;
  readonly peakRss: number;
  readonly runs: readonly { tickets: number; msPerTicket: number }[];
}

async function measureHistory(
  dir: string,
  jobs: number,
  runs: number,
  orders: number,
): Promise<HistoryResult> {
  const dataDir = join(dir, `history-${jobs}`);
  mkdirSync(dataDir, { recursive: true });
  const config = loadConfig({ BONRELAY_DATA_DIR: dataDir, BONRELAY_LOG_LEVEL: 'silent' });
  const writeStarted = performance.now();
  const history = writePrintHistory(join(dataDir, 'bonrelay.db'), config, printer, jobs);
  const writeMs = performance.now() - writeStarted;
  console.log(
    `history of ${history.jobs.toLocaleString('en-US')} printed tickets (${history.orders.toLocaleString('en-US')} orders, ${history.events.toLocaleString('en-US')} events) written in ${(writeMs / 1000).toFixed(1)} s`,
  );
  const printerChild = await startChild(join(supportDir, 'printer-process.ts'), {});
  try {
    const configFile = join(dataDir, 'config.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        printers: [{ name: printer, url: String(printerChild.ready.url) }],
        monitor: { printerIdleIntervalMs: 200, printerAgreeingProbes: 1 },
        printing: { backoff: { baseMs: 50, factor: 2, capMs: 200 } },
      }),
    );
    const service = await startChild(join(supportDir, 'service-process.ts'), {
      BONRELAY_CONFIG: configFile,
      BONRELAY_DATA_DIR: dataDir,
      BONRELAY_PORT: '0',
      BONRELAY_LOG_LEVEL: 'silent',
    });
    try {
      const caughtUp = await service.ask<ChildMessage & { ms: number; rss: number }>('caughtUp');
      console.log(
        `  service caught up in ${(caughtUp.ms / 1000).toFixed(1)} s, RSS ${formatMegabytes(caughtUp.rss)}`,
      );
      // The first run warms up the JIT, the sockets and SQLite's cache; it is not counted.
      await drainRun(service, printerChild, orders, 0);
      const measured = [];
      for (let run = 1; run <= runs; run += 1)
        measured.push(await drainRun(service, printerChild, orders, run * orders));
      const stats = await service.ask<ChildMessage & { peakRss: number }>('stats');
      return {
        history,
        writeMs,
        startMs: caughtUp.ms,
        rssAfterStart: caughtUp.rss,
        peakRss: stats.peakRss,
        runs: measured,
      };
    } finally {
      await service.stop();
    }
  } finally {
    await printerChild.stop();
  }
}

const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const millis = (ms: number) => `${ms.toFixed(2)} ms`;
const count = (value: number) => value.toLocaleString('en-US');

/**
 * Does printing slow down as the log grows? Time per printed ticket with a small and a large
 * history of printed tickets already in the log (the service's views built at start, not timed):
 * each run queues `--orders` delivery orders through `POST /orders` while the printer is off, then
 * drains them; the median of `--runs` runs per history. Args: `--small N` (default 1,000 tickets),
 * `--jobs N` (the large history, 1,000,000), `--runs N` (5), `--orders N` (orders per run, 200,
 * i.e. 600 tickets).
 */
export async function run(args: string[]): Promise<void> {
  const small = numberArg(args, '--small', 1000);
  const large = numberArg(args, '--jobs', 1_000_000);
  const runs = numberArg(args, '--runs', 5);
  const orders = numberArg(args, '--orders', 200);
  await temporaryDirectory('history', async (dir) => {
    const smallResult = await measureHistory(dir, small, runs, orders);
    const largeResult = await measureHistory(dir, large, runs, orders);
    const smallMs = median(smallResult.runs.map((run) => run.msPerTicket));
    const largeMs = median(largeResult.runs.map((run) => run.msPerTicket));
    const row = (result: HistoryResult, ms: number) => [
      `${count(result.history.jobs)} tickets (${count(result.history.events)} events)`,
      millis(ms),
      result.runs.map((run) => run.msPerTicket.toFixed(2)).join(', '),
      formatRatio(ms, smallMs),
      `${(result.startMs / 1000).toFixed(1)} s`,
      formatMegabytes(result.rssAfterStart),
      formatMegabytes(result.peakRss),
    ];
    console.log(
      `\n### history: time per printed ticket, ${runs} runs of ${count(smallResult.runs[0]?.tickets ?? 0)} tickets each\n`,
    );
    console.log(
      markdownTable(
        [
          'history in the log',
          'ms per ticket (median)',
          'every run',
          'vs small history',
          'service start (views caught up)',
          'RSS after start',
          'peak RSS',
        ],
        [row(smallResult, smallMs), row(largeResult, largeMs)],
      ),
    );
    const difference = ((largeMs - smallMs) / smallMs) * 100;
    console.log(
      `\nTarget (reported, not asserted): the large history differs by ≤ 20 % → ${difference >= 0 ? '+' : ''}${difference.toFixed(1)} %.`,
    );
  });
}
