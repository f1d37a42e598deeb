import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type PrinterEmulator, startPrinterEmulator } from '@bonrelay/printer-emulator';
import { generateWixKeyPair, makeWixOrder, orderCreatedDelivery, signWixWebhook } from '@bonrelay/wix-fake';
import { numberArg } from '../support/args.ts';
import { type ChildMessage, startChild } from '../support/child-process.ts';
import { type LoadResult, postEach } from '../support/load.ts';
import { formatMegabytes } from '../support/memory.ts';
import { formatRatio, markdownTable } from '../support/table.ts';
import { temporaryDirectory } from '../support/temp-dir.ts';

interface Stats extends ChildMessage {
  readonly peakRss: number;
  readonly lastPosition: number;
}

interface Measured {
  readonly load: LoadResult;
  readonly sent: number;
  readonly appended: number;
  readonly peakRss: number;
  /** Tickets the emulator printed while the load ran. */
  readonly printedDuringLoad: number;
}

const supportDir = join(import.meta.dirname, '..', 'support');

/** Signs in parallel chunks: WebCrypto runs RSA on the thread pool, so both cores help. */
async function signedOrders(count: number): Promise<{ tokens: string[]; publicKeyPem: string }> {
  const keys = await generateWixKeyPair();
  const tokens: string[] = [];
  for (let start = 0; start < count; start += 500) {
    const chunk = Array.from({ length: Math.min(500, count - start) }, () =>
      signWixWebhook(orderCreatedDelivery(makeWixOrder()), keys.privateKey),
    );
    tokens.push(...(await Promise.all(chunk)));
  }
  return { tokens, publicKeyPem: keys.publicKeyPem };
}

async function measure(
  script: string,
  env: Record<string, string>,
  tokens: readonly string[],
  load: { connections: number; seconds: number },
  printed: () => number = () => 0,
): Promise<Measured> {
  const child = await startChild(join(supportDir, script), env);
  try {
    const before = await child.ask<Stats>('stats');
    const printedBefore = printed();
    const run = postEach(String(child.ready.url), '/webhooks/wix', tokens, load);
    const result = await run;
    const printedDuringLoad = printed() - printedBefore;
    const after = await child.ask<Stats>('stats');
    return {
      load: result,
      sent: run.sent(),
      appended: after.lastPosition - before.lastPosition,
      peakRss: after.peakRss,
      printedDuringLoad,
    };
  } finally {
    await child.stop();
  }
}

function serviceEnv(dir: string, publicKeyPem: string, printer: PrinterEmulator, print: boolean) {
  const dataDir = mkdtempSync(join(dir, 'service-'));
  const configFile = join(dataDir, 'config.json');
  // Tickets off measures the webhook path (verify, normalise, decide, append) alone.
  writeFileSync(configFile, JSON.stringify(print ? {} : { tickets: { enabled: [] } }));
  return {
    BONRELAY_CONFIG: configFile,
    BONRELAY_DATA_DIR: dataDir,
    BONRELAY_HOST: '127.0.0.1',
    BONRELAY_PORT: '0',
    BONRELAY_PRINTER_URL: printer.url,
    BONRELAY_WIX_PUBLIC_KEY: publicKeyPem,
    BONRELAY_LOG_LEVEL: 'silent',
  };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const count = (value: number) => Math.round(value).toLocaleString('en-US');

function row(name: string, side: Measured, floor: Measured, seconds: number): string[] {
  return [
    name,
    count(side.load.requests.average),
    formatRatio(side.load.requests.average, floor.load.requests.average),
    ms(side.load.latency.p50),
    ms(side.load.latency.p99),
    `${side.load.non2xx} / ${side.load.errors} / ${side.load.timeouts}`,
    side.printedDuringLoad > 0 ? count(side.printedDuringLoad / seconds) : '—',
    formatMegabytes(side.peakRss),
  ];
}

/**
 * Webhook ingress under load, four servers in one run, each in its own process: the floor (a bare
 * node:http server doing one INSERT with synchronous=FULL per request), a bare hono route doing the
 * same, and the real service (verify RS256, normalise, decide jobs, one durable append, views) with
 * tickets off and with three tickets an order printed to an emulator. Tokens are signed before the
 * clock starts. Args: `--seconds N` (default 10), `--connections N` (50), `--tokens N` (distinct
 * pre-signed orders, 20,000).
 */
export async function run(args: string[]): Promise<void> {
  const seconds = numberArg(args, '--seconds', 10);
  const connections = numberArg(args, '--connections', 50);
  const tokenCount = numberArg(args, '--tokens', 20_000);
  const load = { connections, seconds };

  const signingStarted = performance.now();
  const { tokens, publicKeyPem } = await signedOrders(tokenCount);
  console.log(`signed ${count(tokens.length)} order webhooks in ${ms(performance.now() - signingStarted)}`);

  await temporaryDirectory('ingress', async (dir) => {
    const floor = await measure('floor-server.ts', { BENCH_DB: join(dir, 'floor.db') }, tokens, load);
    const hono = await measure(
      'floor-server.ts',
      { BENCH_DB: join(dir, 'hono.db'), BENCH_FLOOR: 'hono' },
      tokens,
      load,
    );
    const printer = await startPrinterEmulator({ controlPort: false });
    let quiet: Measured;
    let printing: Measured;
    try {
      quiet = await measure(
        'service-process.ts',
        serviceEnv(dir, publicKeyPem, printer, false),
        tokens,
        load,
      );
      printing = await measure(
        'service-process.ts',
        serviceEnv(dir, publicKeyPem, printer, true),
        tokens,
        load,
        () => printer.jobs.length,
      );
    } finally {
      await printer.close();
    }

    console.log(
      `\n### ingress: ${connections} connections × ${seconds} s of distinct signed order webhooks\n`,
    );
    console.log(
      markdownTable(
        [
          'server',
          'requests/s',
          'vs node:http floor',
          'p50',
          'p99',
          'non-2xx / errors / timeouts',
          'tickets/s printed during the burst',
          'peak RSS',
        ],
        [
          row('floor: node:http + INSERT (sync FULL)', floor, floor, seconds),
          row('bare hono route + INSERT', hono, floor, seconds),
          row('bonrelay, printing off', quiet, floor, seconds),
          row('bonrelay, 3 tickets an order to the emulator', printing, floor, seconds),
        ],
      ),
    );
    const wrapped =
      Math.max(quiet.sent, printing.sent) > tokens.length
        ? ' (tokens wrapped: later ones were redeliveries)'
        : '';
    console.log(
      `\nTargets (reported, not asserted): printing on ≥ 0.5× the floor, p99 ≤ 250 ms, ≥ 200 tickets/s during the burst; printing off ≥ 1.0× the floor.${wrapped}`,
    );
  });
}
