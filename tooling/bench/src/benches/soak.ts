// `npm run bench -- soak [--minutes 10 | --seconds 600] [--interval-ms 2000] [--sample-ms 10000]`: the service as its
// own process at restaurant-peak load (one Wix order every 2 s) while the printer goes offline or
// runs out of paper for 5–30 s at random; every sample shows whether memory, file descriptors,
// event-loop lag or the database creep. Ends with the printer back and the backlog drained.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FaultMode, startPrinterEmulator } from '@bonrelay/printer-emulator';
import { generateWixKeyPair, makeWixOrder, orderCreatedDelivery, signWixWebhook } from '@bonrelay/wix-fake';
import {
  freePort,
  startServiceProcess,
  stopGracefully,
} from '../../../../apps/service/tests/chaos-support/service-process.ts';
import { numberArg } from '../support/args.ts';
import { markdownTable } from '../support/table.ts';

interface Sample {
  readonly atS: number;
  readonly rssMb: number;
  readonly fds: number;
  readonly lagMs: number;
  readonly lagP99Ms: number | undefined;
  readonly dbMb: number;
  readonly walMb: number;
  readonly orders: number;
  readonly printed: number;
  readonly waiting: number;
  readonly printer: FaultMode;
}

const megabytes = (bytes: number) => bytes / 1024 / 1024;

function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return megabytes(Number(line?.[1] ?? 0) * 1024);
}

function fileBytes(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** Event-loop lag from prom-client's default metrics when the service has them, else a /health round trip. */
async function eventLoopLag(
  url: string,
): Promise<{ lagMs: number; p99Ms: number | undefined; source: string }> {
  const started = performance.now();
  const metrics = await fetch(`${url}/metrics`).then((r) => (r.ok ? r.text() : ''));
  const value = (name: string) => {
    const match = metrics.match(new RegExp(`^${name} ([0-9.eE+-]+)`, 'm'));
    return match ? Number(match[1]) * 1000 : undefined;
  };
  const lag = value('nodejs_eventloop_lag_seconds');
  if (lag !== undefined)
    return { lagMs: lag, p99Ms: value('nodejs_eventloop_lag_p99_seconds'), source: 'metrics' };
  await fetch(`${url}/health`).then((r) => r.arrayBuffer());
  return { lagMs: performance.now() - started, p99Ms: undefined, source: 'health round trip' };
}

async function queueStatus(url: string): Promise<{ printed: number; waiting: number }> {
  const body = (await fetch(`${url}/offline/queue/status`).then((r) => r.json())) as {
    byState: Record<string, number>;
  };
  const {
    printed = 0,
    queued = 0,
    printing = 0,
    'retry-wait': retryWait = 0,
    'gave-up': gaveUp = 0,
  } = body.byState;
  return { printed, waiting: queued + printing + retryWait + gaveUp };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function run(args: string[]): Promise<void> {
  const minutes = numberArg(args, '--seconds', numberArg(args, '--minutes', 10) * 60) / 60;
  const intervalMs = numberArg(args, '--interval-ms', 2_000);
  const sampleMs = numberArg(args, '--sample-ms', 10_000);
  const endsAt = Date.now() + minutes * 60_000;
  const dataDir = mkdtempSync(join(tmpdir(), 'bonrelay-soak-'));
  const printer = await startPrinterEmulator({ controlPort: false });
  const internet = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => internet.listen(0, '127.0.0.1', resolve));
  const keys = await generateWixKeyPair();
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ printing: { maxAttempts: 1_000 } }));
  const service = await startServiceProcess({
    BONRELAY_CONFIG: join(dataDir, 'config.json'),
    BONRELAY_DATA_DIR: dataDir,
    BONRELAY_PORT: String(await freePort()),
    BONRELAY_PRINTER_URL: printer.url,
    BONRELAY_WIX_PUBLIC_KEY: keys.publicKeyPem,
    BONRELAY_INTERNET_PROBES: `127.0.0.1:${(internet.address() as { port: number }).port}`,
    BONRELAY_LOG_LEVEL: 'info',
  });
  console.log(
    `soak: ${minutes} min, one order every ${intervalMs} ms, service pid ${service.pid}, ${dataDir}`,
  );

  let sent = 0;
  let accepted = 0;
  const failures = new Map<string, number>();
  const orders = (async () => {
    while (Date.now() < endsAt) {
      const tick = Date.now();
      const jwt = await signWixWebhook(orderCreatedDelivery(makeWixOrder({})), keys.privateKey);
      sent += 1;
      const status = await fetch(`${service.url}/webhooks/wix`, { method: 'POST', body: jwt })
        .then(async (r) => {
          await r.arrayBuffer();
          return String(r.status);
        })
        .catch((error: unknown) => String(error));
      if (status === '200') accepted += 1;
      else failures.set(status, (failures.get(status) ?? 0) + 1);
      await pause(Math.max(0, intervalMs - (Date.now() - tick)));
    }
  })();
  const outages: string[] = [];
  const chaos = (async () => {
    for (;;) {
      await pause(20_000 + Math.random() * 40_000);
      const lengthMs = 5_000 + Math.random() * 25_000;
      if (Date.now() + lengthMs > endsAt) return;
      const mode: FaultMode = Math.random() < 0.5 ? 'offline' : 'paper-end';
      outages.push(`${mode} ${(lengthMs / 1000).toFixed(0)} s`);
      await printer.setMode(mode);
      await pause(lengthMs);
      await printer.setMode('online');
    }
  })();

  const samples: Sample[] = [];
  let lagSource = '';
  const started = Date.now();
  for (;;) {
    const lag = await eventLoopLag(service.url);
    lagSource = lag.source;
    const queue = await queueStatus(service.url);
    samples.push({
      atS: Math.round((Date.now() - started) / 1000),
      rssMb: rssOf(service.pid),
      fds: readdirSync(`/proc/${service.pid}/fd`).length,
      lagMs: lag.lagMs,
      lagP99Ms: lag.p99Ms,
      dbMb: megabytes(fileBytes(join(dataDir, 'bonrelay.db'))),
      walMb: megabytes(
        fileBytes(join(dataDir, 'bonrelay.db-wal')) + fileBytes(join(dataDir, 'bonrelay.db-shm')),
      ),
      orders: accepted,
      printed: queue.printed,
      waiting: queue.waiting,
      printer: printer.mode,
    });
    if (Date.now() >= endsAt) break;
    await pause(Math.min(sampleMs, Math.max(0, endsAt - Date.now())));
  }
  await orders;
  await chaos;
  await printer.setMode('online');
  const drainStarted = Date.now();
  let last = await queueStatus(service.url);
  while (last.waiting > 0 && Date.now() - drainStarted < 120_000) {
    await pause(500);
    last = await queueStatus(service.url);
  }
  const drainedMs = Date.now() - drainStarted;

  console.log(
    markdownTable(
      [
        't (s)',
        'RSS MB',
        'fds',
        'loop lag ms',
        'lag p99 ms',
        'db MB',
        'WAL+shm MB',
        'orders',
        'printed',
        'waiting',
        'printer',
      ],
      samples.map((s) => [
        String(s.atS),
        s.rssMb.toFixed(1),
        String(s.fds),
        s.lagMs.toFixed(1),
        s.lagP99Ms === undefined ? '—' : s.lagP99Ms.toFixed(1),
        s.dbMb.toFixed(2),
        s.walMb.toFixed(2),
        String(s.orders),
        String(s.printed),
        String(s.waiting),
        s.printer,
      ]),
    ),
  );
  const first = samples[0] as Sample;
  const end = samples[samples.length - 1] as Sample;
  const peakRss = Math.max(...samples.map((s) => s.rssMb));
  console.log(`event-loop lag from: ${lagSource}`);
  console.log(`outages: ${outages.join(', ') || 'none'}`);
  console.log(
    `start → end: RSS ${first.rssMb.toFixed(1)} → ${end.rssMb.toFixed(1)} MB (peak ${peakRss.toFixed(1)}), ` +
      `fds ${first.fds} → ${end.fds}, db ${first.dbMb.toFixed(2)} → ${end.dbMb.toFixed(2)} MB, ` +
      `WAL ${first.walMb.toFixed(2)} → ${end.walMb.toFixed(2)} MB`,
  );
  console.log(
    `orders: sent ${sent}, accepted ${accepted}, failed ${JSON.stringify(Object.fromEntries(failures))}; ` +
      `tickets printed ${last.printed}, still waiting ${last.waiting} ` +
      `(backlog drained ${drainedMs} ms after the printer was back)`,
  );
  await stopGracefully(service);
  await printer.close();
  internet.close();
  rmSync(dataDir, { recursive: true, force: true });
  if (last.waiting > 0 || accepted < sent) process.exitCode = 1;
}
