import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PrinterEmulator, startPrinterEmulator } from '@bonrelay/printer-emulator';
import { generateWixKeyPair, type WixKeyPair } from '@bonrelay/wix-fake';
import pino from 'pino';
import { loadConfig } from '../../src/config/index.ts';
import { type RunningService, type ServiceOverrides, startService } from '../../src/start-service.ts';

export interface TestService {
  readonly service: RunningService;
  readonly url: string;
  readonly dataDir: string;
  readonly printer: PrinterEmulator;
  readonly keys: WixKeyPair;
  readonly internet: Server;
  /** What the service logged (JSON lines), for specs that wait on a logged fact. */
  readonly logLines: readonly string[];
  request(
    method: string,
    path: string,
    body?: string | object,
    headers?: Record<string, string>,
  ): Promise<Response>;
  json<T = unknown>(path: string): Promise<T>;
  stop(): Promise<void>;
}

export interface TestServiceOptions {
  readonly env?: Record<string, string>;
  readonly config?: Record<string, unknown>;
  readonly overrides?: ServiceOverrides;
  readonly dataDir?: string;
  readonly printer?: PrinterEmulator;
  readonly keys?: WixKeyPair;
}

/** A loopback listener standing in for the internet probe targets (tests never leave the machine). */
export async function fakeInternet(): Promise<Server> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/**
 * The real service, in this process, on a fresh data dir, printing to a real emulator over TCP and
 * probing a loopback "internet"; monitors run fast so a test sees changes in well under a second.
 */
export async function startTestService(options: TestServiceOptions = {}): Promise<TestService> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'bonrelay-service-'));
  const printer = options.printer ?? (await startPrinterEmulator({ controlPort: false }));
  const keys = options.keys ?? (await generateWixKeyPair());
  const internet = await fakeInternet();
  const internetPort = (internet.address() as { port: number }).port;
  const configFile = join(dataDir, 'config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      monitor: {
        printerIdleIntervalMs: 200,
        printerFastIntervalMs: 50,
        printerProbeTimeoutMs: 300,
        printerAgreeingProbes: 1,
        internetIntervalMs: 200,
        internetAgreeingProbes: 1,
        internetProbeTimeoutMs: 300,
      },
      printing: {
        connectTimeoutMs: 300,
        statusTimeoutMs: 300,
        completionTimeoutMs: 2000,
        backoff: { baseMs: 50, factor: 2, capMs: 400 },
      },
      businessDay: { timeZone: 'Europe/Berlin' },
      ...options.config,
    }),
  );
  const config = loadConfig({
    BONRELAY_CONFIG: configFile,
    BONRELAY_DATA_DIR: dataDir,
    BONRELAY_PORT: '0',
    BONRELAY_PRINTER_URL: printer.url,
    BONRELAY_WIX_PUBLIC_KEY: keys.publicKeyPem,
    BONRELAY_INTERNET_PROBES: `127.0.0.1:${internetPort}`,
    BONRELAY_LOG_LEVEL: 'silent',
    ...options.env,
  });
  const logLines: string[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void logLines.push(line) });
  let service: RunningService;
  try {
    service = await startService(config, { logger, ...options.overrides });
  } catch (error) {
    // A start that fails must fail the test, not leave servers holding the process open.
    internet.close();
    if (!options.printer) await printer.close();
    throw error;
  }
  // The API answers from tables that read the log within one flush interval: a spec asks once they
  // have read everything committed so far, as a person at the dashboard would a moment later.
  const viewsCurrent = () => {
    const logEnd = service.store.lastPosition();
    return eventually('the views to read the log', () => service.viewsPosition() >= logEnd);
  };
  const request = async (
    method: string,
    path: string,
    body?: string | object,
    headers: Record<string, string> = {},
  ) => {
    await viewsCurrent();
    return fetch(`${service.url}${path}`, {
      method,
      headers: { ...(typeof body === 'object' ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  };
  return {
    service,
    url: service.url,
    dataDir,
    printer,
    keys,
    internet,
    logLines,
    request,
    json: async (path) => (await (await request('GET', path)).json()) as never,
    stop: async () => {
      await service.stop('test finished');
      await new Promise<void>((resolve) => internet.close(() => resolve()));
      if (!options.printer) await printer.close();
    },
  };
}

/** Waits until `probe` returns a truthy value (polling the running system), or fails with `what`. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T> | T,
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${String(last)})`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
