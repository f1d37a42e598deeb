import { makeWixOrder, orderCreatedDelivery, signWixWebhook } from '@bonrelay/wix-fake';
import * as assert from 'uvu/assert';
import type { PrinterUnderTest } from './printer-under-test/printer-under-test.ts';
import { startTestService, type TestService, type TestServiceOptions } from './test-service.ts';

/**
 * The real service with CloudPRNT printers only (named as given), each attached once it listens,
 * so it polls the service over real HTTP from the first moment.
 */
export async function startCloudprntService(
  printers: Readonly<Record<string, PrinterUnderTest>>,
  options: TestServiceOptions = {},
): Promise<TestService> {
  const app = await startTestService({
    ...options,
    env: { BONRELAY_PRINTER_URL: '', ...options.env },
    config: {
      printers: Object.entries(printers).map(([name, printer]) => printer.printerConfig(name)),
      ...options.config,
    },
  });
  for (const printer of Object.values(printers)) await printer.attach(app.url);
  return app;
}

/** Places one Wix order through the signed webhook, as Wix would; returns the Wix order. */
export async function placeOrder(
  app: TestService,
  fields: Parameters<typeof makeWixOrder>[0] = {},
): Promise<ReturnType<typeof makeWixOrder>> {
  const order = makeWixOrder(fields);
  const jwt = await signWixWebhook(orderCreatedDelivery(order), app.keys.privateKey);
  const response = await app.request('POST', '/webhooks/wix', jwt, { 'content-type': 'text/plain' });
  assert.is(response.status, 200);
  return order;
}

/** The data of every event of `type` in the log, in order. */
export function eventsOf<T = Record<string, unknown>>(app: TestService, type: string): T[] {
  return app.service.store.read({ types: [type] }).map((event) => event.data as T);
}
