import { join } from 'node:path';
import { makeWixOrder, orderCreatedDelivery, signWixWebhook, type WixOrder } from '@bonrelay/wix-fake';
import * as assert from 'uvu/assert';
import { runCli } from '../src/cli/main.ts';
import { eventually, type TestService } from './support/test-service.ts';

/** The environment the harness started the service with, so the CLI reads the same config and log. */
export function serviceEnvironment(app: TestService): Record<string, string> {
  return {
    BONRELAY_CONFIG: join(app.dataDir, 'config.json'),
    BONRELAY_DATA_DIR: app.dataDir,
    BONRELAY_PRINTER_URL: app.printer.url,
    BONRELAY_INTERNET_PROBES: `127.0.0.1:${(app.internet.address() as { port: number }).port}`,
    BONRELAY_WIX_PUBLIC_KEY: app.keys.publicKeyPem,
    BONRELAY_LOG_LEVEL: 'silent',
  };
}

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs the CLI in this process with `environment` in force, capturing what it prints. */
export async function cli(argv: readonly string[], environment: Record<string, string>): Promise<CliRun> {
  const saved = Object.fromEntries(Object.keys(environment).map((name) => [name, process.env[name]]));
  Object.assign(process.env, environment);
  const writeError = process.stderr.write;
  let out = '';
  let err = '';
  process.stderr.write = ((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    const code = await runCli(argv, (text) => {
      out += text;
    });
    return { code, out, err };
  } finally {
    process.stderr.write = writeError;
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** Posts a signed Wix order as Wix would and expects the durable 200. */
export async function postWixOrder(app: TestService, overrides: Partial<WixOrder> = {}): Promise<WixOrder> {
  const order = makeWixOrder(overrides as never);
  const jwt = await signWixWebhook(orderCreatedDelivery(order), app.keys.privateKey);
  const response = await app.request('POST', '/webhooks/wix', jwt);
  assert.is(response.status, 200);
  return order;
}

/** How many events of one type the log holds now. */
export function countOf(app: TestService, type: string): number {
  return app.service.store.read({ types: [type] }).length;
}

/** What a printer outage left in the log: when it went down and came back, and what came in. */
export interface Outage {
  /** Orders received (and printed) before the outage. */
  readonly before: readonly WixOrder[];
  /** Orders received while the printer was unplugged. */
  readonly during: readonly WixOrder[];
  readonly offlineAt: string;
  readonly onlineAt: string;
  /** Log position with the outage's orders queued and none of them printed. */
  readonly positionWhileOffline: number;
  /** Log position once every ticket printed. */
  readonly positionAllPrinted: number;
}

function printerStatusChange(app: TestService, to: string): string | undefined {
  const changes = app.service.store.read({ types: ['PrinterStatusChanged'] });
  return changes.filter((event) => (event.data as { to: string }).to === to).at(-1)?.recordedAt;
}

/**
 * The restaurant's evening in miniature: two orders print, the printer's plug is pulled, three
 * orders arrive and wait, the plug goes back in and the backlog prints.
 */
export async function printerOutage(
  app: TestService,
  whileOffline: () => Promise<void> = async () => {},
): Promise<Outage> {
  const before = [await postWixOrder(app), await postWixOrder(app)];
  await eventually('the first tickets printed', () => countOf(app, 'PrintJobPrinted') === 4);
  await app.printer.setMode('offline');
  const offlineAt = await eventually('the printer seen offline', () => printerStatusChange(app, 'offline'));
  const during = [await postWixOrder(app), await postWixOrder(app), await postWixOrder(app)];
  const positionWhileOffline = app.service.store.lastPosition();
  await whileOffline();
  await app.printer.setMode('online');
  const onlineAt = await eventually('the printer seen online again', () => {
    const back = printerStatusChange(app, 'online');
    return back && back > offlineAt ? back : undefined;
  });
  await eventually('the backlog printed', () => countOf(app, 'PrintJobPrinted') === 10, 15_000);
  return {
    before,
    during,
    offlineAt,
    onlineAt,
    positionWhileOffline,
    positionAllPrinted: app.service.store.lastPosition(),
  };
}
