import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openEventStore } from '@bonrelay/event-store';
import { type Config, loadConfig } from '../../../../apps/service/src/config/index.ts';
import { numberArg } from '../support/args.ts';
import { type BenchChild, type ChildMessage, startChild } from '../support/child-process.ts';
import { formatMegabytes } from '../support/memory.ts';
import { arrivalEvents, guestOrder } from '../support/restaurant-orders.ts';
import { formatRatio, markdownTable } from '../support/table.ts';
import { temporaryDirectory } from '../support/temp-dir.ts';

const supportDir = join(import.meta.dirname, '..', 'support');
const printer = 'kitchen';

interface ServiceStats extends ChildMessage {
  readonly peakRss: number;
  readonly rss: number;
}

interface PrinterStats extends ChildMessage {
  readonly printed: number;
  readonly firstJobAt?: number;
}

interface FloorRun extends ChildMessage {
  readonly jobs: number;
  readonly ms: number;
}

/**
 * A restaurant's orders queued the way the webhook path appends them, until `tickets` tickets wait:
 * four in ten are deliveries (kitchen ticket, receipt and a driver slip with its maps QR code), the
 * rest pickups (two tickets). Setup, not measured: batches of 1,500 events, synchronous=OFF.
 */
function fillQueue(file: string, config: Config, tickets: number): void {
  const store = openEventStore({ file });
  store.connection.pragma('synchronous = OFF');
  const createdAt = new Date().toISOString();
  let orders = 0;
  for (let queued = 0; queued < tickets; ) {
    const batch = [];
    while (batch.length < 1500 && queued < tickets) {
      const arrival = arrivalEvents(guestOrder(createdAt, orders % 10 < 4), config, [printer]);
      const events = arrival.slice(0, 1 + tickets - queued);
      orders += 1;
      queued += events.length - 1;
      batch.push(...events);
    }
    store.append(batch);
  }
  store.close();
}

function serviceEnv(dataDir: string, printerUrl: string): Record<string, string> {
  mkdirSync(dataDir, { recursive: true });
  const configFile = join(dataDir, 'config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      printers: [{ name: printer, url: printerUrl }],
      monitor: { printerIdleIntervalMs: 1000, printerAgreeingProbes: 1 },
    }),
  );
  return {
    BONRELAY_CONFIG: configFile,
    BONRELAY_DATA_DIR: dataDir,
    BONRELAY_PORT: '0',
    BONRELAY_LOG_LEVEL: 'silent',
  };
}

const median = (samples: readonly number[]) =>
  [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)] as number;

async function statusTimings(url: string, rounds: number): Promise<{ ms: number[]; queued: number }> {
  let queued = 0;
  const ms: number[] = [];
  for (let round = 0; round < rounds + 3; round += 1) {
    const started = performance.now();
    const answer = (await (await fetch(`${url}/offline/queue/status`)).json()) as {
      byState: { queued: number };
    };
    // The first rounds warm up the connection and the route.
    if (round >= 3) ms.push(performance.now() - started);
    queued = answer.byState.queued;
  }
  return { ms, queued };
}

/** What the service has recorded printed, read from its queue status (a count, not a scan of the log). */
async function recorded(url: string): Promise<number> {
  const answer = (await (await fetch(`${url}/offline/queue/status`)).json()) as {
    byState: { printed: number };
  };
  return answer.byState.printed;
}

/**
 * Waits until the service has recorded `jobs` tickets printed (or the deadline). Progress is read
 * from the printer until it holds them all, so the bench costs the service nothing while it drains.
 */
async function drained(
  url: string,
  printerChild: BenchChild,
  jobs: number,
  deadline: number,
): Promise<number> {
  for (;;) {
    const { printed } = await printerChild.ask<PrinterStats>('stats');
    if (printed >= jobs || performance.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, printed > jobs * 0.99 ? 5 : 250));
  }
  for (;;) {
    const printed = await recorded(url);
    if (printed >= jobs || performance.now() > deadline) return printed;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

interface Drain {
  readonly printed: number;
  readonly ms: number;
  readonly peakRss: number;
  readonly rssAfter: number;
  readonly startupMs: number;
}

/** The service drains the queue to the emulated printer, from the first ticket on paper to the last one recorded. */
async function serviceDrain(
  dir: string,
  config: Config,
  printerChild: BenchChild,
  jobs: number,
  maxSeconds: number,
): Promise<Drain> {
  const dataDir = join(dir, 'drain');
  const env = serviceEnv(dataDir, String(printerChild.ready.url));
  fillQueue(join(dataDir, 'bonrelay.db'), config, jobs);
  const service = await startChild(join(supportDir, 'service-process.ts'), env);
  try {
    // Printing starts once the jobs table has caught up; the process is not quiet again before the end.
    const { ms: startupMs } = await service.ask<ChildMessage & { ms: number }>('tables');
    const deadline = performance.now() + maxSeconds * 1000;
    const printed = await drained(String(service.ready.url), printerChild, jobs, deadline);
    const doneAt = Date.now();
    const { firstJobAt } = await printerChild.ask<PrinterStats>('stats');
    const stats = await service.ask<ServiceStats>('stats');
    return {
      printed,
      ms: doneAt - (firstJobAt ?? doneAt),
      peakRss: stats.peakRss,
      rssAfter: stats.rss,
      startupMs,
    };
  } finally {
    await service.stop();
  }
}

/** The queue status over HTTP with `waiting` tickets queued for a printer that is switched off. */
async function statusWithBacklog(dir: string, config: Config, waiting: number) {
  const dataDir = join(dir, 'status');
  const offline = await startChild(join(supportDir, 'printer-process.ts'), { BENCH_PRINTER_MODE: 'offline' });
  try {
    const env = serviceEnv(dataDir, String(offline.ready.url));
    fillQueue(join(dataDir, 'bonrelay.db'), config, waiting);
    const service = await startChild(join(supportDir, 'service-process.ts'), env);
    try {
      const { ms: startupMs } = await service.ask<ChildMessage & { ms: number }>('caughtUp');
      const timings = await statusTimings(String(service.ready.url), 25);
      return { ...timings, startupMs };
    } finally {
      await service.stop();
    }
  } finally {
    await offline.stop();
  }
}

const count = (value: number) => Math.round(value).toLocaleString('en-US');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const millis = (ms: number) => `${ms.toFixed(2)} ms`;

/**
 * A queue of tickets draining to one emulated printer (in a process of its own): the whole service
 * (jobs table, saga, rendering, real ESC/POS over TCP with status and completion checks, every
 * outcome appended with synchronous=FULL) against the transport floor measured in the same run — the
 * very bytes the printer received from the service, sent back to back with DLE EOT status and the GS r
 * answer, plus one synchronous=FULL insert per ticket — and against plainjob draining no-op jobs.
 * Then `GET /offline/queue/status` with a deep backlog. Args: `--jobs N` (tickets to drain, default
 * 20,000), `--waiting N` (backlog for the status query, 100,000), `--max-seconds N` (stop waiting
 * for the drain, 900).
 */
export async function run(args: string[]): Promise<void> {
  const jobs = numberArg(args, '--jobs', 20_000);
  const waiting = numberArg(args, '--waiting', 100_000);
  const maxSeconds = numberArg(args, '--max-seconds', 900);

  await temporaryDirectory('queue-drain', async (dir) => {
    const config = loadConfig({ BONRELAY_DATA_DIR: dir, BONRELAY_LOG_LEVEL: 'silent' });
    const printerChild = await startChild(join(supportDir, 'printer-process.ts'), {});
    let drain: Drain;
    let perJob: FloorRun;
    let oneSession: FloorRun;
    try {
      drain = await serviceDrain(dir, config, printerChild, jobs, maxSeconds);
      const ticketsFile = join(dir, 'tickets.bin');
      const saved = await printerChild.ask<ChildMessage & { jobs: number }>('save', { file: ticketsFile });
      console.log(
        `the printer received ${count(saved.jobs)} tickets from the service; the floor sends the same bytes`,
      );
      const floorRun = async (session: 'per-job' | 'one') => {
        const floor = await startChild(join(supportDir, 'drain-floor-process.ts'), {
          BENCH_DB: join(dir, `floor-${session}.db`),
          BENCH_JOBS_FILE: ticketsFile,
          BENCH_PRINTER_HOST: String(printerChild.ready.host),
          BENCH_PRINTER_PORT: String(printerChild.ready.port),
        });
        try {
          return await floor.ask<FloorRun>('run', { session });
        } finally {
          await floor.stop();
        }
      };
      perJob = await floorRun('per-job');
      oneSession = await floorRun('one');
    } finally {
      await printerChild.stop();
    }
    const status = await statusWithBacklog(dir, config, waiting);

    const peer = await startChild(join(supportDir, 'plainjob-process.ts'), {
      BENCH_DB: join(dir, 'plainjob.db'),
      BENCH_JOBS: String(jobs),
      BENCH_WAITING: String(waiting),
    });
    const plain = await peer.ask<
      ChildMessage & { drainMs: number; statusMs: number; peakRss: number; enqueueMs: number }
    >('run');
    await peer.stop();

    const ours = (drain.printed / drain.ms) * 1000;
    const floorRate = (perJob.jobs / perJob.ms) * 1000;
    const oneRate = (oneSession.jobs / oneSession.ms) * 1000;
    const peerRate = (jobs / plain.drainMs) * 1000;
    const partial = drain.printed < jobs ? ` (stopped after ${maxSeconds} s)` : '';
    console.log(`\n### queue drain: ${count(jobs)} queued tickets → one emulated printer\n`);
    console.log(
      markdownTable(
        ['measure', 'bonrelay', 'floor', 'ours / floor', 'peer: plainjob 0.0.14 (no-op jobs)'],
        [
          [
            'tickets/s',
            count(ours),
            `${count(floorRate)} (connection per ticket)`,
            formatRatio(ours, floorRate),
            count(peerRate),
          ],
          ['  floor on one open connection', '—', count(oneRate), formatRatio(ours, oneRate), '—'],
          [
            'tickets / time',
            `${count(drain.printed)} of ${count(jobs)} in ${seconds(drain.ms)}${partial}`,
            `${count(perJob.jobs)} in ${seconds(perJob.ms)}`,
            '—',
            `${count(jobs)} in ${seconds(plain.drainMs)}`,
          ],
          ['ms per ticket', millis(drain.ms / drain.printed), millis(perJob.ms / perJob.jobs), '—', '—'],
          [
            'service peak RSS (VmHWM, start + drain)',
            formatMegabytes(drain.peakRss),
            '—',
            '—',
            formatMegabytes(plain.peakRss),
          ],
          ['service RSS after the drain', formatMegabytes(drain.rssAfter), '—', '—', '—'],
          [
            `queue status, ${count(status.queued)} waiting (median of ${status.ms.length})`,
            `${millis(median(status.ms))} (HTTP, max ${millis(Math.max(...status.ms))})`,
            '—',
            '—',
            `${millis(plain.statusMs)} (countJobs pending, ${count(waiting)} waiting, in-process)`,
          ],
          [
            'service start over the log',
            `${seconds(drain.startupMs)} to the jobs table caught up (${count(jobs)} tickets); ${seconds(status.startupMs)} to every view caught up and quiet (${count(waiting)})`,
            '—',
            '—',
            '—',
          ],
        ],
      ),
    );
    console.log(
      `\nTargets (reported, not asserted): drain ≥ 0.5× the floor → ${formatRatio(ours, floorRate)}; ` +
        `service peak RSS ≤ 150 MB → ${formatMegabytes(drain.peakRss)}; ` +
        `GET /offline/queue/status ≤ 10 ms with ${count(status.queued)} waiting → ${millis(median(status.ms))}.`,
    );
  });
}
