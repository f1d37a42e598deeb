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
): Promise<Measured> {
  const child = await startChild(join(supportDir, script), env);
  try {
    const before = await child.ask<Stats>('stats');
    const run = postEach(String(child.ready.url), '/webhooks/wix', tokens, load);
    const result = await run;
    const after = await child.ask<Stats>('stats');
    return {
      load: result,
      sent: run.sent(),
      appended: after.lastPosition - before.lastPosition,
      peakRss: after.peakRss,
    };
  } finally {
    await child.stop();
  }
}

function serviceEnv(dir: string, publicKeyPem: string, printer: PrinterEmulator, print: boolean) {
  const dataDir = mkdtempSync(join(dir, 'service-'));
  const configFile = join(dataDir, 'config.json');
  // Tickets off: the bench measures the webhook path (verify, normalise, decide, append) alone.
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

/**
 * Webhook ingress under load: the real service in its own process (verify RS256, normalise, decide
 * jobs, one durable append per request, projections) against the floor of a bare hono route writing
 * the raw body to the same schema. Args: `--seconds N` (default 10), `--connections N` (50),
 * `--tokens N` (distinct pre-signed orders, 20,000), `--print 1` to leave tickets on and print every
 * order to an emulator in `online` mode (default: tickets disabled, ingress alone).
 */
export async function run(args: string[]): Promise<void> {
  const seconds = numberArg(args, '--seconds', 10);
  const connections = numberArg(args, '--connections', 50);
  const tokenCount = numberArg(args, '--tokens', 20_000);
  const print = args.includes('--print');
  const load = { connections, seconds };

  const signingStarted = performance.now();
  const { tokens, publicKeyPem } = await signedOrders(tokenCount);
  console.log(`signed ${count(tokens.length)} order webhooks in ${ms(performance.now() - signingStarted)}`);

  await temporaryDirectory('ingress', async (dir) => {
    const floor = await measure('floor-server.ts', { BENCH_DB: join(dir, 'floor.db') }, tokens, load);
    const printer = await startPrinterEmulator({ controlPort: false });
    let ours: Measured;
    try {
      ours = await measure('service-process.ts', serviceEnv(dir, publicKeyPem, printer, print), tokens, load);
    } finally {
      await printer.close();
    }
    const printed = printer.jobs.length;

    const rows: string[][] = [
      [
        'requests/s',
        count(ours.load.requests.average),
        count(floor.load.requests.average),
        formatRatio(ours.load.requests.average, floor.load.requests.average),
      ],
      ['latency p50', ms(ours.load.latency.p50), ms(floor.load.latency.p50), '—'],
      ['latency p99', ms(ours.load.latency.p99), ms(floor.load.latency.p99), '—'],
      ['requests answered', count(ours.load.requests.total), count(floor.load.requests.total), '—'],
      [
        'non-2xx / errors / timeouts',
        `${ours.load.non2xx} / ${ours.load.errors} / ${ours.load.timeouts}`,
        `${floor.load.non2xx} / ${floor.load.errors} / ${floor.load.timeouts}`,
        '—',
      ],
      ['events appended', count(ours.appended), count(floor.appended), '—'],
      ['peak RSS of the server process', formatMegabytes(ours.peakRss), formatMegabytes(floor.peakRss), '—'],
    ];
    console.log(
      `\n### ingress: ${connections} connections × ${seconds} s of distinct signed order webhooks\n`,
    );
    console.log(markdownTable(['measure', 'bonrelay', 'floor (hono + INSERT)', 'ours/floor'], rows));
    const wrapped =
      ours.sent > tokens.length
        ? ` (the ${count(tokens.length)} tokens wrapped: later ones were duplicates)`
        : '';
    console.log(
      `\nbonrelay: ${print ? `tickets on, ${count(printed)} printed to an emulator in online mode during the run` : 'tickets disabled (no print jobs): webhook ingress alone'}${wrapped}.` +
        `\nTarget (reported, not asserted): ≥ 0.6× the floor with p99 < 50 ms → ` +
        `${(ours.load.requests.average / floor.load.requests.average).toFixed(2)}×, p99 ${ms(ours.load.latency.p99)}.`,
    );
  });
}
