// `npm run demo` (`node --import tsx tooling/demo/src/main.ts`): a showcase, not part of the product,
// so it lives with the other tooling and the service never ships the Wix test double.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ConfigError, loadConfig, openServiceLog, startService, stopOnSignals } from '@bonrelay/service';
import {
  generateWixKeyPair,
  orderCreatedDelivery,
  signWixWebhook,
  wixOrderFixtures,
} from '@bonrelay/wix-fake';

/**
 * `npm run demo`: the real service with a key pair made up on the spot (used for nothing else) and
 * the built-in virtual printer, fed a handful of sample orders through the signed webhook path —
 * so a newcomer sees tickets within a minute, without Wix or hardware.
 */
async function demo(): Promise<void> {
  const keys = await generateWixKeyPair();
  const environment = {
    BONRELAY_DATA_DIR: join('data', 'demo'),
    ...process.env,
    BONRELAY_WIX_PUBLIC_KEY: keys.publicKeyPem,
    BONRELAY_PRINTER_URL: process.env.BONRELAY_PRINTER_URL ?? '',
  };
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(environment);
  } catch (error) {
    process.stderr.write(`${(error as ConfigError).message}\n`);
    process.exit(2);
  }
  mkdirSync(config.dataDir, { recursive: true });
  const keyFile = join(config.dataDir, 'demo-wix-public-key.pem');
  writeFileSync(keyFile, keys.publicKeyPem);
  const log = await openServiceLog(config.logLevel);
  const service = await startService(config, { logger: log.logger });
  for (const [name, fixture] of Object.entries(wixOrderFixtures)) {
    const order = { ...fixture, id: randomUUID(), createdDate: new Date().toISOString() };
    const jwt = await signWixWebhook(orderCreatedDelivery(order), keys.privateKey);
    const response = await fetch(`${service.url}/webhooks/wix`, { method: 'POST', body: jwt });
    process.stdout.write(`demo: sent the "${name}" order → ${response.status}\n`);
  }
  const tickets = service.virtualTickets ?? 'your printer';
  process.stdout.write(`\ndemo: dashboard ${service.url}/  ·  tickets in ${tickets}  ·  Ctrl-C to stop\n`);
  process.stdout.write(
    `demo: the demo's Wix public key is in ${keyFile} (BONRELAY_WIX_PUBLIC_KEY_FILE for doctor)\n`,
  );
  stopOnSignals(service, log, config);
}

await demo();
