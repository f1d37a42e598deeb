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
      assert.match(
        (await notice.textContent()) ?? '',
        /Printer kitchen is down: its tickets print on bar \(for \d+ s\)/,
      );
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

/**
 * Counts in the page what the alarm does with the Web Audio API: contexts made (only after a tap)
 * and beeps started. Installed before the page's own script runs.
 */
const instrumentedAudio = `(() => {
  window.__alarmAudio = { contexts: 0, beeps: 0 };
  const Real = window.AudioContext;
  window.AudioContext = class extends Real {
    constructor(...args) { super(...args); window.__alarmAudio.contexts += 1; }
    createOscillator() {
      const oscillator = super.createOscillator();
      const start = oscillator.start.bind(oscillator);
      oscillator.start = (...args) => { window.__alarmAudio.beeps += 1; return start(...args); };
      return oscillator;
    }
  };
})()`;

const audioCounts = (page: Page) =>
  page.evaluate('({ ...window.__alarmAudio })') as Promise<{ contexts: number; beeps: number }>;

kitchen(
  'given a printer down with tickets waiting past alerts.soundAfterMs, the banner flashes, the first tap starts a repeating beep, and "Silence for 10 min" quiets this device for ten minutes',
  async ({ browser }) => {
    const app = await startTestService({ config: { alerts: { soundAfterMs: 300 } } });
    try {
      const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
      const problems = watchProblems(page);
      await page.addInitScript(instrumentedAudio);
      await page.clock.install();
      await page.goto(`${app.url}/`);
      await page.locator('#live[data-live="open"]').waitFor({ timeout: waitMs });
      await page
        .locator('[data-testid="printer-printer"][data-status="online"]')
        .waitFor({ timeout: waitMs });
      const alarm = page.getByTestId('alarm');
      assert.is(await alarm.isVisible(), false, 'quiet while all is well');

      await app.printer.setMode('offline');
      await page
        .locator('[data-testid="printer-printer"][data-status="offline"]')
        .waitFor({ timeout: waitMs });
      assert.is(
        (
          await app.request('POST', '/orders', {
            currency: 'EUR',
            fulfilment: { kind: 'pickup' },
            customer: { firstName: 'Ada' },
            lineItems: [{ name: 'Margherita', quantity: 1, unitPrice: 850 }],
          })
        ).status,
        201,
      );
      await page.locator('[data-testid="alarm"].flashing').waitFor({ timeout: waitMs });
      assert.match((await alarm.textContent()) ?? '', /Printer printer is offline: 2 tickets waiting/);
      assert.match((await alarm.textContent()) ?? '', /Tap anywhere to hear the alarm/);
      assert.equal(await audioCounts(page), { contexts: 0, beeps: 0 }, 'no sound before the first tap');

      await page.locator('h1').click();
      await page.locator('[data-testid="alarm"][data-sounding="true"]').waitFor({ timeout: waitMs });
      await page.clock.runFor(3_000);
      const sounding = await audioCounts(page);
      assert.is(sounding.contexts, 1);
      assert.ok(sounding.beeps >= 3, `the beep repeats (${sounding.beeps} in 3 s)`);

      await page.getByRole('button', { name: 'Silence for 10 min' }).click();
      await page.locator('[data-testid="alarm"][data-sounding="false"]').waitFor({ timeout: waitMs });
      const silenced = (await audioCounts(page)).beeps;
      await page.clock.runFor(60_000);
      assert.is((await audioCounts(page)).beeps, silenced, 'silent for the next minute');
      assert.match((await alarm.textContent()) ?? '', /Silenced until/);
      assert.is(await page.locator('[data-testid="alarm"].flashing').count(), 0);

      await page.reload();
      await page.locator('#live[data-live="open"]').waitFor({ timeout: waitMs });
      await alarm.waitFor({ timeout: waitMs });
      await page.locator('h1').click();
      await page.clock.runFor(3_000);
      assert.equal(
        await audioCounts(page),
        { contexts: 1, beeps: 0 },
        'still silenced after a reload: this device remembers',
      );

      await page.clock.runFor('10:00');
      await page.locator('[data-testid="alarm"][data-sounding="true"]').waitFor({ timeout: waitMs });
      await page.clock.runFor(3_000);
      assert.ok((await audioCounts(page)).beeps >= 2, 'ten minutes later it sounds again');

      await app.printer.setMode('online');
      await alarm.waitFor({ state: 'hidden', timeout: waitMs });
      assert.is(await alarm.getAttribute('data-sounding'), 'false', 'quiet once the tickets printed');
      assert.equal(problems, []);
      await page.close();
    } finally {
      await app.stop();
    }
  },
);

kitchen(
  'given BONRELAY_LOCALE=de-DE, the held pre-orders and the alarm banner speak German',
  async ({ browser }) => {
    const app = await startTestService({
      env: { BONRELAY_LOCALE: 'de-DE' },
      config: { alerts: { soundAfterMs: 300 } },
    });
    try {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
      const problems = watchProblems(page);
      await page.goto(`${app.url}/`);
      await page.locator('#live[data-live="open"]').waitFor({ timeout: waitMs });
      await page
        .locator('[data-testid="printer-printer"][data-status="online"]')
        .waitFor({ timeout: waitMs });

      const order = preOrder(new Date(Date.now() + 5 * 3_600_000));
      const jwt = await signWixWebhook(orderCreatedDelivery(order), app.keys.privateKey);
      assert.is((await app.request('POST', '/webhooks/wix', jwt)).status, 200);
      const line = page.getByTestId(`held-${order.id}/kitchen`);
      await line.waitFor({ timeout: waitMs });
      const held = (await page.getByTestId('held-tickets').textContent()) ?? '';
      assert.match(held, /Vorbestellungen – warten auf die Zubereitungszeit/);
      assert.match(held, /Küche.*druckt .* für /);
      assert.is(await line.getByRole('button', { name: 'Jetzt drucken' }).count(), 1);

      await app.printer.setMode('offline');
      await page
        .locator('[data-testid="printer-printer"][data-status="offline"]')
        .waitFor({ timeout: waitMs });
      const local = {
        currency: 'EUR',
        fulfilment: { kind: 'pickup' },
        customer: { firstName: 'Ada' },
        lineItems: [{ name: 'Margherita', quantity: 1, unitPrice: 850 }],
      };
      assert.is((await app.request('POST', '/orders', local)).status, 201);
      const alarm = page.getByTestId('alarm');
      await page.locator('[data-testid="alarm"].flashing').waitFor({ timeout: waitMs });
      const banner = (await alarm.textContent()) ?? '';
      assert.match(banner, /Drucker printer ist offline – \d+ Bons warten/);
      assert.match(banner, /Irgendwo tippen, damit der Alarm zu hören ist/);
      await page.getByRole('button', { name: '10 Min. stumm' }).click();
      await page.locator('[data-testid="alarm"]:not(.flashing)').waitFor({ timeout: waitMs });
      assert.match((await alarm.textContent()) ?? '', /Stumm bis \d\d:\d\d/);
      assert.match(
        (await page.locator('#notice').textContent()) ?? '',
        /Alarm auf diesem Gerät für 10 Minuten stumm/,
      );
      assert.equal(problems, []);
      await page.close();
    } finally {
      await app.stop();
    }
  },
);

kitchen.run();
