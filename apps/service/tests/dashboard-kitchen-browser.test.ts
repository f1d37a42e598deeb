import { startPrinterEmulator } from '@bonrelay/printer-emulator';
import { makeWixOrder, orderCreatedDelivery, signWixWebhook, type WixOrder } from '@bonrelay/wix-fake';
import { type Browser, chromium, type Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { countOf } from './cli-scenario.ts';
import { eventually, startTestService, type TestService } from './support/test-service.ts';

const chromiumArgs = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const waitMs = 10_000;

interface Context {
  browser: Browser;
  app: TestService;
}

function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

/** A Wix pickup order for `at`, as a guest books dinner in the afternoon. */
function preOrder(at: Date): WixOrder {
  const base = makeWixOrder();
  return {
    ...base,
    shippingInfo: {
      ...base.shippingInfo,
      logistics: { ...base.shippingInfo?.logistics, deliveryTime: at.toISOString() },
    },
  } as WixOrder;
}

const kitchen = suite<Context>('the dashboard on the pass, in a real browser');

kitchen.before(async (context) => {
  context.app = await startTestService();
  context.browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
});
kitchen.after(async (context) => {
  await context.browser?.close();
  await context.app?.stop();
});

kitchen(
  'given a pre-order, the page lists its held kitchen ticket with when it prints and for when, and "Print now" prints it',
  async ({ app, browser }) => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    const problems = watchProblems(page);
    await page.goto(`${app.url}/`);
    await page.locator('#live[data-live="open"]').waitFor({ timeout: waitMs });
    assert.is(await page.getByTestId('held-tickets').isVisible(), false, 'nothing held, nothing shown');

    const slot = new Date(Date.now() + 5 * 3_600_000);
    const order = preOrder(slot);
    const jwt = await signWixWebhook(orderCreatedDelivery(order), app.keys.privateKey);
    assert.is((await app.request('POST', '/webhooks/wix', jwt)).status, 200);
    const jobId = `${order.id}/kitchen`;
    const line = page.getByTestId(`held-${jobId}`);
    await line.waitFor({ timeout: waitMs });
    const hhmm = (at: Date) =>
      at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const prints = new Date(slot.getTime() - 30 * 60_000);
    const text = (await line.textContent()) ?? '';
    // The page and the test share the machine's time zone; a slot after midnight shows its day too.
    assert.ok(text.includes(hhmm(prints)) && text.includes(hhmm(slot)), text);
    assert.match(text, /kitchen.*prints .* for /);

    const before = countOf(app, 'PrintJobPrinted');
    await line.getByRole('button', { name: 'Print now' }).click();
    await page.getByTestId('held-tickets').waitFor({ state: 'hidden', timeout: waitMs });
    await eventually('the kitchen ticket printed', () => countOf(app, 'PrintJobPrinted') > before);
    assert.equal(problems, []);
    await page.close();
  },
);

kitchen(
  'given the kitchen printer fails over to the bar, the page says where its tickets print until it is back',
  async ({ browser }) => {
    const printer = await startPrinterEmulator({ controlPort: false });
    const bar = await startPrinterEmulator({ controlPort: false });
    const app = await startTestService({
      printer,
      env: { BONRELAY_PRINTER_URL: '' },
      config: {
        printers: [
          { name: 'kitchen', url: printer.url },
          { name: 'bar', url: bar.url },
        ],
        routing: { kitchen: 'kitchen', customer: 'bar', fallback: { kitchen: 'bar' } },
        printing: { fallbackAfterMs: 300 },
      },
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
      const problems = watchProblems(page);
      await page.goto(`${app.url}/`);
      await page
        .locator('[data-testid="printer-kitchen"][data-status="online"]')
        .waitFor({ timeout: waitMs });
      await printer.setMode('offline');
      await page
        .locator('[data-testid="printer-kitchen"][data-status="offline"]')
        .waitFor({ timeout: waitMs });
      const jwt = await signWixWebhook(orderCreatedDelivery(makeWixOrder()), app.keys.privateKey);
      assert.is((await app.request('POST', '/webhooks/wix', jwt)).status, 200);
      const notice = page.getByTestId('fallback-kitchen');
      await notice.waitFor({ timeout: waitMs });
      assert.match((await notice.textContent()) ?? '', /Printer kitchen is down: its tickets print on bar/);
      await printer.setMode('online');
      await notice.waitFor({ state: 'detached', timeout: waitMs });
      assert.equal(problems, []);
      await page.close();
    } finally {
      await app.stop();
      await Promise.all([printer.close(), bar.close()]);
    }
  },
);

kitchen.run();
