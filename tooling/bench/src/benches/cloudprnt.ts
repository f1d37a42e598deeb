import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { startCloudprntEmulator } from '@bonrelay/printer-emulator';
import { generateWixKeyPair, makeWixOrder, orderCreatedDelivery, signWixWebhook } from '@bonrelay/wix-fake';
import { loadConfig } from '../../../../apps/service/src/config/index.ts';
import { startService } from '../../../../apps/service/src/start-service.ts';
import { numberArg } from '../support/args.ts';
import { markdownTable } from '../support/table.ts';
import { temporaryDirectory } from '../support/temp-dir.ts';

const until = async (what: string, check: () => boolean, timeoutMs: number) => {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return performance.now();
};

/**
 * A Star CloudPRNT printer against the real service with the default monitor settings: how long
 * after the printer stops polling the log says `offline`, how long after it polls again the first
 * ticket is on paper, and how fast the backlog then drains — per media type (the PNG is rendered
 * through resvg for every ticket). Args: `--orders N` (default 20, two tickets each),
 * `--poll-interval-ms N` (default 5000, the printers' own default).
 */
export async function run(args: string[]): Promise<void> {
  const orders = numberArg(args, '--orders', 20);
  const pollIntervalMs = numberArg(args, '--poll-interval-ms', 5000);
  const keys = await generateWixKeyPair();
  const internet = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => internet.listen(0, '127.0.0.1', resolve));
  const rows: string[][] = [];
  for (const mediaType of ['image/png', 'application/vnd.star.starprnt']) {
    await temporaryDirectory('cloudprnt', async (dir) => {
      const printer = startCloudprntEmulator({ pollIntervalMs, mediaTypes: [mediaType] });
      writeFileSync(
        join(dir, 'config.json'),
        JSON.stringify({
          printers: [{ name: 'kitchen', url: `cloudprnt://${printer.mac}`, pollIntervalMs }],
          logLevel: 'silent',
        }),
      );
      const config = loadConfig({
        BONRELAY_CONFIG: join(dir, 'config.json'),
        BONRELAY_DATA_DIR: dir,
        BONRELAY_PORT: '0',
        BONRELAY_WIX_PUBLIC_KEY: keys.publicKeyPem,
        BONRELAY_INTERNET_PROBES: `127.0.0.1:${(internet.address() as { port: number }).port}`,
      });
      const service = await startService(config);
      const count = (type: string) => service.store.read({ types: [type] }).length;
      const statusIs = (to: string) => () =>
        service.store
          .read({ types: ['PrinterStatusChanged'] })
          .some((event) => (event.data as { to: string }).to === to);
      try {
        printer.attach(`${service.url}/cloudprnt`);
        await until('the printer online', statusIs('online'), 4 * pollIntervalMs + 30_000);
        await printer.stopPolling();
        const goneAt = performance.now();
        const offlineAt = await until(
          'the printer offline',
          statusIs('offline'),
          4 * pollIntervalMs + 30_000,
        );
        for (let n = 0; n < orders; n++) {
          const jwt = await signWixWebhook(orderCreatedDelivery(makeWixOrder({})), keys.privateKey);
          await fetch(`${service.url}/webhooks/wix`, { method: 'POST', body: jwt });
        }
        const backAt = performance.now();
        printer.resumePolling();
        const firstAt = await until('the first ticket', () => count('PrintJobPrinted') > 0, 60_000);
        const lastAt = await until('the backlog', () => count('PrintJobPrinted') >= 2 * orders, 300_000);
        rows.push([
          mediaType,
          `${pollIntervalMs}`,
          `${Math.round(offlineAt - goneAt)}`,
          `${Math.round(firstAt - backAt)}`,
          `${((2 * orders - 1) / ((lastAt - firstAt) / 1000)).toFixed(1)}`,
        ]);
      } finally {
        await printer.close();
        await service.stop('bench finished');
      }
    });
  }
  internet.close();
  console.log(
    markdownTable(
      [
        'media type',
        'poll interval ms',
        'stops polling → offline ms',
        'polls again → first ticket ms',
        'drain tickets/s',
      ],
      rows,
    ),
  );
}
