import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventToAppend, printJobId, streams } from '@bonrelay/domain';
import { openEventStore } from '@bonrelay/event-store';
import { startPrinterEmulator } from '@bonrelay/printer-emulator';
import { printJobQueries, printJobsView, rebuildViews, sqliteViewConnection } from '@bonrelay/views';
import { type Config, loadConfig } from '../../../../apps/service/src/config/index.ts';
import { numberArg } from '../support/args.ts';
import { type BenchChild, type ChildMessage, startChild } from '../support/child-process.ts';
import { formatMegabytes } from '../support/memory.ts';
import { arrivalEvents, guestOrder } from '../support/restaurant-orders.ts';
import { formatRatio, markdownTable } from '../support/table.ts';
import { temporaryDirectory } from '../support/temp-dir.ts';

const supportDir = join(import.meta.dirname, '..', 'support');
const printer = 'kitchen';

interface Stats extends ChildMessage {
  readonly peakRss: number;
  readonly lastPosition: number;
}

/** Pickup orders, two tickets each (kitchen + customer), appended as the webhook path would. */
function fillQueue(file: string, config: Config, jobs: number): void {
  const store = openEventStore({ file });
  const createdAt = new Date().toISOString();
  for (let queued = 0; queued < jobs; ) {
    const batch = [];
    while (batch.length < 1500 && queued < jobs) {
      const events = arrivalEvents(guestOrder(createdAt), config, [printer]).slice(0, 1 + jobs - queued);
      queued += events.length - 1;
      batch.push(...events);
    }
    store.append(batch);
  }
  store.close();
}

function median(samples: number[]): number {
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)] as number;
}

/**
 * The queue status query with `waiting` jobs queued: the jobs table is written by the real
 * projector from `PrintJobQueued` events (as the service's is), then the summary is timed alone.
 */
function summaryTiming(waiting: number): { ms: number; waiting: number } {
  const store = openEventStore({ file: ':memory:' });
  const connection = sqliteViewConnection(store.connection);
  const queuedAt = new Date().toISOString();
  for (let start = 0; start < waiting; start += 5_000) {
    store.append(
      Array.from({ length: Math.min(5_000, waiting - start) }, (_, offset) => {
        const index = start + offset;
        const ticket = index % 2 === 0 ? 'kitchen' : 'customer';
        const orderId = `order-${Math.floor(index / 2)}`;
        const jobId = printJobId(orderId, ticket);
        return eventToAppend('PrintJobQueued', streams.printJob(jobId), `queued:${jobId}`, {
          jobId,
          orderId,
          ticket,
          printer,
          priority: 'normal',
          reprint: false,
        });
      }),
    );
  }
  rebuildViews(store, connection, [printJobsView]);
  const jobs = printJobQueries(connection);
  let counted = 0;
  const samples = Array.from({ length: 7 }, () => {
    const started = performance.now();
    counted = jobs.summary(new Date(queuedAt)).byState.queued;
    return performance.now() - started;
  });
  store.close();
  return { ms: median(samples), waiting: counted };
}

async function httpTiming(url: string): Promise<number> {
  const samples: number[] = [];
  for (let round = 0; round < 5; round += 1) {
    const started = performance.now();
    const answer = await fetch(`${url}/offline/queue/status`);
    await answer.json();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

async function waitForPrinted(
  service: BenchChild,
  jobs: number,
  printed: () => number,
  deadline: number,
): Promise<number> {
  for (;;) {
    if (printed() >= jobs) {
      const recorded = await service.ask<ChildMessage & { n: number }>('count', { type: 'PrintJobPrinted' });
      if (recorded.n >= jobs) return recorded.n;
    }
    if (performance.now() > deadline) {
      return (await service.ask<ChildMessage & { n: number }>('count', { type: 'PrintJobPrinted' })).n;
    }
    await new Promise((resolve) => setTimeout(resolve, printed() >= jobs ? 20 : 500));
  }
}

const count = (value: number) => Math.round(value).toLocaleString('en-US');
const ms = (value: number) => `${value.toFixed(2)} ms`;

/**
 * A backlog of print jobs draining once the printer comes back: the whole service in its own process
 * (views, saga, real ESC/POS over TCP to an emulator in `online` mode, every attempt appended durably)
 * against the peer plainjob draining no-op jobs. Args: `--jobs N` (plainjob's backlog and the queue
 * depth of the status query, default 100,000), `--drain N` (bonrelay's backlog, default 2,000: its
 * drain over real TCP and its start over a deep log are far slower), `--max-seconds N` (stop waiting
 * after this, default 240, and report the part drained).
 */
export async function run(args: string[]): Promise<void> {
  const jobs = numberArg(args, '--jobs', 100_000);
  const drain = numberArg(args, '--drain', 2000);
  const maxSeconds = numberArg(args, '--max-seconds', 240);

  await temporaryDirectory('queue-drain', async (dir) => {
    const emulator = await startPrinterEmulator({ controlPort: false, mode: 'offline' });
    let printed = 0;
    emulator.onJob(() => {
      printed += 1;
    });
    const configFile = join(dir, 'config.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        printers: [{ name: printer, url: emulator.url }],
        printing: { backoff: { baseMs: 50, factor: 2, capMs: 400 } },
        monitor: { printerIdleIntervalMs: 1000, printerAgreeingProbes: 1 },
      }),
    );
    const env = {
      BONRELAY_CONFIG: configFile,
      BONRELAY_DATA_DIR: dir,
      BONRELAY_PORT: '0',
      BONRELAY_LOG_LEVEL: 'silent',
    };
    const config = loadConfig(env);
    const fillStarted = performance.now();
    fillQueue(join(dir, 'bonrelay.db'), config, drain);
    const fillMs = performance.now() - fillStarted;
    const summary = summaryTiming(jobs);

    const service = await startChild(join(supportDir, 'service-process.ts'), env);
    let drained: { ms: number; printed: number; peakRss: number; httpStatusMs: number; startupMs: number };
    try {
      const httpStatusMs = await httpTiming(String(service.ready.url));
      await emulator.setMode('online');
      const started = performance.now();
      const recorded = await waitForPrinted(service, drain, () => printed, started + maxSeconds * 1000);
      const elapsed = performance.now() - started;
      const stats = await service.ask<Stats>('stats');
      drained = {
        ms: elapsed,
        printed: recorded,
        peakRss: stats.peakRss,
        httpStatusMs,
        startupMs: Number(service.ready.startupMs),
      };
    } finally {
      await service.stop();
      await emulator.close();
    }

    const peer = await startChild(join(supportDir, 'plainjob-process.ts'), {
      BENCH_DB: join(dir, 'plainjob.db'),
      BENCH_JOBS: String(jobs),
    });
    const plain = await peer.ask<
      ChildMessage & { enqueueMs: number; drainMs: number; statusMs: number; peakRss: number }
    >('run');
    await peer.stop();

    const oursRate = (drained.printed / drained.ms) * 1000;
    const peerRate = (jobs / plain.drainMs) * 1000;
    const partial = drained.printed < drain;
    console.log(`\n### queue drain: a backlog of queued jobs, printer comes back online\n`);
    console.log(
      markdownTable(
        ['measure', 'bonrelay (service → emulator over TCP)', 'plainjob 0.0.14 (no-op jobs)', 'ours/peer'],
        [
          ['jobs/s', count(oursRate), count(peerRate), formatRatio(oursRate, peerRate)],
          [
            'jobs drained / time',
            `${count(drained.printed)} of ${count(drain)} in ${(drained.ms / 1000).toFixed(1)} s${partial ? ' (stopped: time limit)' : ''}`,
            `${count(jobs)} in ${(plain.drainMs / 1000).toFixed(1)} s`,
            '—',
          ],
          [
            'peak RSS (VmHWM)',
            `${formatMegabytes(drained.peakRss)} (${count(drain)} jobs)`,
            `${formatMegabytes(plain.peakRss)} (${count(jobs)} jobs)`,
            '—',
          ],
          [
            `queue status, ${count(summary.waiting)} waiting: in-process`,
            `${ms(summary.ms)} (queueSummary)`,
            `${ms(plain.statusMs)} (countJobs pending, ${count(jobs)} waiting)`,
            '—',
          ],
          [
            `queue status over HTTP (GET /offline/queue/status), ${count(drain)} waiting`,
            ms(drained.httpStatusMs),
            '—',
            '—',
          ],
          [
            'filling the queue',
            `${(fillMs / 1000).toFixed(1)} s (${count(drain)} jobs, append in batches)`,
            `${(plain.enqueueMs / 1000).toFixed(1)} s (${count(jobs)} jobs, addMany)`,
            '—',
          ],
          ['service start over that log', `${(drained.startupMs / 1000).toFixed(1)} s`, '—', '—'],
        ],
      ),
    );
    console.log(
      '\nbonrelay: two tickets per pickup order, one printer; every job is an attempt + a print appended with ' +
        'synchronous=FULL and a real ESC/POS session with status and completion checks. plainjob: its own ' +
        'defaults (WAL, synchronous=NORMAL), one worker, a processor that does nothing.' +
        `\nTargets (reported, not asserted): ≥ plainjob's jobs/s → ${formatRatio(oursRate, peerRate)}; ` +
        `RSS ≤ 150 MB → ${formatMegabytes(drained.peakRss)}; queue status < 10 ms → ${ms(summary.ms)} in-process, ${ms(drained.httpStatusMs)} over HTTP.`,
    );
  });
}
