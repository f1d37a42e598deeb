import { join } from 'node:path';
import { runCli } from '../../../../apps/service/src/cli/main.ts';
import { loadConfig } from '../../../../apps/service/src/config/index.ts';
import { numberArg } from '../support/args.ts';
import { type ChildMessage, startChild } from '../support/child-process.ts';
import { formatMegabytes } from '../support/memory.ts';
import { writeRestaurantMonth } from '../support/restaurant-month.ts';
import { formatRatio, markdownTable } from '../support/table.ts';
import { temporaryDirectory } from '../support/temp-dir.ts';

const supportDir = join(import.meta.dirname, '..', 'support');

interface Pass extends ChildMessage {
  readonly ms: number;
  readonly peakRss: number;
}

interface Start {
  readonly caughtUpMs: number;
  readonly rss: number;
  readonly peakRss: number;
}

/** One pass over the log in a fresh process (its peak RSS is that pass's alone). */
async function pass<T extends Pass>(file: string, kind: 'scan' | 'rebuild', env: Record<string, string>) {
  const child = await startChild(join(supportDir, 'replay-process.ts'), { ...env, BENCH_DB: file });
  try {
    return await child.ask<T>(kind);
  } finally {
    await child.stop();
  }
}

/** The service started over the log: until its views hold it, and what it then keeps in memory. */
async function serviceStart(env: Record<string, string>): Promise<Start> {
  const child = await startChild(join(supportDir, 'service-process.ts'), {
    ...env,
    BONRELAY_PORT: '0',
    BONRELAY_PRINTER_URL: 'tcp://127.0.0.1:9',
  });
  try {
    const caughtUp = await child.ask<ChildMessage & { ms: number }>('caughtUp');
    // Settled: what stays resident once the start's garbage could be collected.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const stats = await child.ask<ChildMessage & { rss: number; peakRss: number }>('stats');
    return { caughtUpMs: caughtUp.ms, rss: stats.rss, peakRss: stats.peakRss };
  } finally {
    await child.stop();
  }
}

/** The operator's audit of the month, exactly as `npm run bonrelay -- audit offline` runs it, in this process. */
async function auditTimings(env: Record<string, string>, from: string, to: string, rounds: number) {
  Object.assign(process.env, env);
  let output = '';
  const ms: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    output = '';
    const started = performance.now();
    const code = await runCli(['audit', 'offline', '--from', from, '--to', to, '--json'], (text) => {
      output += text;
    });
    ms.push(performance.now() - started);
    if (code !== 0) throw new Error(`audit offline exited ${code}`);
  }
  const periods = (JSON.parse(output) as { offlinePeriods: unknown[] }).offlinePeriods.length;
  return { first: ms[0] as number, rest: ms.slice(1), periods };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const count = (value: number) => Math.round(value).toLocaleString('en-US');
const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/**
 * A month-sized log (a restaurant's 30 days with printer and internet outages): the full rebuild of
 * every table view the service keeps (`rebuildViews` over `bonrelayTableViews`) against the floor of
 * a raw ordered scan with JSON.parse in the same run, each in a fresh process; the service started
 * over that log (views caught up) and restarted; then the offline audit of the 30 days through the
 * CLI, timed in this process. Args: `--events N` (default 1,000,000), `--days N` (30), `--rounds N`
 * (floor and rebuild take turns, best round kept, default 1).
 */
export async function run(args: string[]): Promise<void> {
  const events = numberArg(args, '--events', 1_000_000);
  const days = numberArg(args, '--days', 30);
  const rounds = numberArg(args, '--rounds', 1);
  await temporaryDirectory('replay', async (dir) => {
    const file = join(dir, 'bonrelay.db');
    const env = { BONRELAY_DATA_DIR: dir, BONRELAY_LOG_LEVEL: 'silent' };
    const config = loadConfig(env);
    const writeStarted = performance.now();
    const month = writeRestaurantMonth(file, config, events, days);
    console.log(
      `wrote ${count(month.events)} events (${count(month.orders)} orders, ${month.printerOutages} printer and ` +
        `${month.internetOutages} internet outages, ${month.from} → ${month.to}) in ${seconds(performance.now() - writeStarted)}`,
    );

    const scans: (Pass & { events: number })[] = [];
    const rebuilds: (Pass & { views: string[]; position: number })[] = [];
    for (let round = 0; round < rounds; round += 1) {
      scans.push(await pass(file, 'scan', env));
      rebuilds.push(await pass(file, 'rebuild', env));
    }
    const floor = scans.reduce((a, b) => (b.ms < a.ms ? b : a));
    const rebuild = rebuilds.reduce((a, b) => (b.ms < a.ms ? b : a));
    const first = await serviceStart(env);
    const again = await serviceStart(env);
    const audit = await auditTimings(env, month.from, month.to, 6);

    const rate = (ms: number) => count((month.events / ms) * 1000);
    console.log(`\n### replay: ${count(month.events)} events, ${days} days\n`);
    console.log(
      markdownTable(
        ['pass', 'events/s', 'time', 'vs floor', 'peak RSS'],
        [
          [
            'floor: raw scan in log order + JSON.parse (data, metadata)',
            rate(floor.ms),
            seconds(floor.ms),
            '1.00×',
            formatMegabytes(floor.peakRss),
          ],
          [
            `rebuild of every table view (${rebuild.views.join(', ')})`,
            rate(rebuild.ms),
            seconds(rebuild.ms),
            formatRatio(floor.ms, rebuild.ms),
            formatMegabytes(rebuild.peakRss),
          ],
        ],
      ),
    );
    if (rounds > 1) {
      console.log(
        `\nevery round: floor ${scans.map((scan) => seconds(scan.ms)).join(', ')}; rebuild ${rebuilds.map((one) => seconds(one.ms)).join(', ')}`,
      );
    }
    console.log('\n### the service over that log\n');
    console.log(
      markdownTable(
        ['start', 'views caught up', 'RSS 2 s later', 'peak RSS'],
        [
          [
            'first start (table views current after the rebuild, in-memory views fold the log)',
            seconds(first.caughtUpMs),
            formatMegabytes(first.rss),
            formatMegabytes(first.peakRss),
          ],
          [
            'restart (every view current)',
            seconds(again.caughtUpMs),
            formatMegabytes(again.rss),
            formatMegabytes(again.peakRss),
          ],
        ],
      ),
    );
    console.log(`\n### audit: offline periods of the ${days} days (\`audit offline --json\`, in-process)\n`);
    console.log(
      markdownTable(
        ['run', 'time', 'periods'],
        [
          ['first', `${audit.first.toFixed(1)} ms`, String(audit.periods)],
          [
            `median of the next ${audit.rest.length}`,
            `${median(audit.rest).toFixed(1)} ms`,
            String(audit.periods),
          ],
        ],
      ),
    );
    console.log(
      `\nTargets (reported, not asserted): rebuild ≥ 0.25× the floor → ${formatRatio(floor.ms, rebuild.ms)}; ` +
        `rebuild peak RSS ≤ 250 MB → ${formatMegabytes(rebuild.peakRss)}; service RSS after start ≤ 150 MB → ` +
        `${formatMegabytes(first.rss)} (restart ${formatMegabytes(again.rss)}); audit ≤ 50 ms → ${audit.first.toFixed(1)} ms first, ` +
        `${median(audit.rest).toFixed(1)} ms median.`,
    );
  });
}
