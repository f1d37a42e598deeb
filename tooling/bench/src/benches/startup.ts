// `npm run bench -- startup [--events N | --empty] [--runs N] [--idle-ms N] [--no-tsx]`: what a restaurant's box
// sees of `npm start` — the time from spawning the service to the first 200 on /health, on a log whose
// views are current, and the resident memory of the idle service with the virtual printer. The
// compiled bundle, run exactly as `npm start` runs it, against the sources through tsx.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { loadConfig } from '../../../../apps/service/src/config/index.ts';
import { freePort } from '../../../../apps/service/tests/chaos-support/service-process.ts';
import { serviceOutDir } from '../../../setup/build-service.mjs';
import { serviceEnvironment, serviceNodeFlags } from '../../../setup/service-process.mjs';
import { numberArg } from '../support/args.ts';
import { formatMegabytes } from '../support/memory.ts';
import { writeRestaurantMonth } from '../support/restaurant-month.ts';
import { markdownTable } from '../support/table.ts';
import { temporaryDirectory } from '../support/temp-dir.ts';

const repo = join(import.meta.dirname, '..', '..', '..', '..');

interface Variant {
  readonly name: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

interface Measured {
  readonly healthyMs: number;
  readonly rssAtHealthy: number;
  readonly rssIdle: number;
}

function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) * 1024;
}

async function healthy(url: string, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the service exited (${child.exitCode}) before it was healthy`);
    try {
      if ((await fetch(`${url}/health`)).status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** One start: spawn, first 200 on /health, then idle for `idleMs`, then a clean stop. */
async function startOnce(variant: Variant, env: NodeJS.ProcessEnv, idleMs: number): Promise<Measured> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...variant.args], {
    cwd: repo,
    env: { ...variant.env, ...env, BONRELAY_PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await healthy(`http://127.0.0.1:${port}`, child);
    const healthyMs = performance.now() - started;
    const rssAtHealthy = rssBytes(child.pid as number);
    await new Promise((resolve) => setTimeout(resolve, idleMs));
    return { healthyMs, rssAtHealthy, rssIdle: rssBytes(child.pid as number) };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/**
 * Writes a month of a restaurant's log (`--events`, default 20,000; `--empty` for none), lets the service bring its views up to
 * date once, then starts it `--runs` times (default 3) per variant and reports the median time to
 * healthy and the RSS when healthy and after `--idle-ms` (default 10,000) of idling.
 */
export async function run(args: string[]): Promise<void> {
  const events = numberArg(args, '--events', 20_000);
  const runs = numberArg(args, '--runs', 3);
  const idleMs = numberArg(args, '--idle-ms', 10_000);
  const variants: Variant[] = [
    {
      name: 'npm start (bundle)',
      args: [...serviceNodeFlags, join(serviceOutDir, 'main.js')],
      env: serviceEnvironment(process.env),
    },
  ];
  if (!args.includes('--no-tsx')) {
    variants.push({
      name: 'sources through tsx',
      args: ['--import', 'tsx', 'apps/service/src/main.ts'],
      env: process.env,
    });
  }
  // The internet monitor probes a loopback listener: a bench never sends a packet off the machine.
  const internet = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => internet.listen(0, '127.0.0.1', resolve));
  try {
    await temporaryDirectory('startup', async (dir) => {
      if (args.includes('--empty')) {
        console.log('log: empty (a first start)');
      } else {
        const config = loadConfig({ BONRELAY_DATA_DIR: dir, BONRELAY_LOG_LEVEL: 'silent' });
        const month = writeRestaurantMonth(join(dir, 'bonrelay.db'), config, events, 30);
        console.log(`log: ${month.events.toLocaleString('en-US')} events, ${month.orders} orders`);
      }
      const env = {
        BONRELAY_DATA_DIR: dir,
        BONRELAY_LOG_LEVEL: 'warn',
        BONRELAY_INTERNET_PROBES: `127.0.0.1:${(internet.address() as { port: number }).port}`,
      };
      // The first start brings the views up to date; the timed ones start on current views.
      await startOnce(variants[0] as Variant, env, 0);
      const rows: string[][] = [];
      for (const variant of variants) {
        const measured: Measured[] = [];
        for (let i = 0; i < runs; i++) measured.push(await startOnce(variant, env, idleMs));
        rows.push([
          variant.name,
          `${Math.round(median(measured.map((m) => m.healthyMs)))} ms`,
          formatMegabytes(median(measured.map((m) => m.rssAtHealthy))),
          formatMegabytes(median(measured.map((m) => m.rssIdle))),
        ]);
      }
      console.log(
        `\n${markdownTable(
          ['how', 'spawn → 200 on /health', 'RSS when healthy', `RSS idle after ${idleMs / 1000} s`],
          rows,
        )}\n\nmedian of ${runs} starts each; virtual printer (no printer configured), views current.`,
      );
    });
  } finally {
    internet.close();
  }
}
