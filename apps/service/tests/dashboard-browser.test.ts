import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  makeWixOrder,
  orderApprovedDelivery,
  orderCanceledDelivery,
  orderCreatedDelivery,
  signWixWebhook,
  startFakeWixApi,
  type WixDelivery,
  type WixOrder,
  wixOrderFixtures,
} from '@bonrelay/wix-fake';
import { type Browser, chromium, type Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { eventually, startTestService, type TestService } from './support/test-service.ts';

const outputDir = join(import.meta.dirname, '..', '..', '..', 'test-output');
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
const token = 'dashboard-browser-token-0123';

const pickupOrder = {
  currency: 'EUR',
  fulfilment: { kind: 'pickup' },
  customer: { firstName: 'Ada', lastName: '<b>Lovelace</b>' },
  lineItems: [{ name: 'Margherita', quantity: 2, unitPrice: 850 }],
};

interface Context {
  browser: Browser;
  app: TestService;
}

/** Everything the page complains about: a dashboard on the pass must run without errors. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

/** Tickets not yet on paper, as the page counts them (waiting + printing + retrying). */
async function queueNotOnPaper(page: Page): Promise<number> {
  let sum = 0;
  for (const name of ['waiting', 'printing', 'retrying']) {
    sum += Number(await page.getByTestId(`queue-${name}`).locator('b').textContent());
  }
  return sum;
}

/** Headers of print-queue columns that end beyond their card's edge (cut off, or hidden in a scroll). */
const cutOffQueueColumns = `(() => {
  const table = document.getElementById('queue-printers');
  const card = table.closest('section');
  const edge = card.getBoundingClientRect().right - parseFloat(getComputedStyle(card).paddingRight);
  return [...table.querySelectorAll('th')]
    .filter((header) => header.getBoundingClientRect().right > edge + 0.5)
    .map((header) => header.textContent);
})()`;

/** Rows of the page grid that leave a column empty: each row of cards must span the grid's width. */
const unfilledGridRows = `(() => {
  const main = document.querySelector('main');
  const style = getComputedStyle(main);
  const box = main.getBoundingClientRect();
  const left = box.left + parseFloat(style.paddingLeft);
  const right = box.right - parseFloat(style.paddingRight);
  const rows = new Map();
  for (const card of main.children) {
    // A card that is not shown (no unreadable orders) takes no place in the grid.
    if (card.hidden || getComputedStyle(card).display === 'none') continue;
    const rect = card.getBoundingClientRect();
    const top = Math.round(rect.top);
    const row = rows.get(top) || { left: Infinity, right: -Infinity, cards: [] };
    rows.set(top, { left: Math.min(row.left, rect.left), right: Math.max(row.right, rect.right),
      cards: [...row.cards, card.id || card.getAttribute('aria-labelledby')] });
  }
  return [...rows.values()]
    .filter((row) => row.left > left + 1 || row.right < right - 1)
    .map((row) => row.cards.join(' + ') + ' spans ' + Math.round(row.left) + '..' + Math.round(row.right)
      + ' of ' + Math.round(left) + '..' + Math.round(right));
})()`;

/** Timeline labels (lanes and hours) that do not lie wholly inside the chart. */
const cutOffTimelineLabels = `(() => {
  const chart = document.querySelector('#timeline-chart svg').getBoundingClientRect();
  return [...document.querySelectorAll('#timeline-chart svg text')]
    .filter((label) => {
      const box = label.getBoundingClientRect();
      return box.left < chart.left - 0.5 || box.right > chart.right + 0.5;
    })
    .map((label) => label.textContent);
})()`;

/** How far the page itself scrolls sideways (a phone must never need to). */
const pageOverflow = 'document.documentElement.scrollWidth - window.innerWidth';

async function deliver(app: TestService, delivery: WixDelivery): Promise<void> {
  const response = await app.request(
    'POST',
    '/webhooks/wix',
    await signWixWebhook(delivery, app.keys.privateKey),
  );
  assert.is(response.status, 200);
}

/** The id the service gave a Wix order, once its view lists it (projections follow the log). */
function orderIdOf(app: TestService, number: string): Promise<string> {
  return eventually(`order ${number} listed`, async () => {
    const { orders } = await app.json<{ orders: { orderId: string; number?: string }[] }>(
      '/api/orders?limit=50',
    );
    return orders.find((candidate) => candidate.number === number)?.orderId;
  });
}

const dashboard = suite<Context>('the dashboard in a real browser');

dashboard.before(async (context) => {
  context.app = await startTestService();
  context.browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
});
dashboard.after(async (context) => {
  await context.browser?.close();
  await context.app?.stop();
});

dashboard(
  'given the printer prints, when it goes off and an order arrives, then the page turns red, queues and recovers without a reload',
  async ({ app, browser }) => {
    const page = await browser.newPage({ viewport: { width: 414, height: 896 }, deviceScaleFactor: 1 });
    const problems = watchProblems(page);
    await page.goto(`${app.url}/`);
    await page.evaluate('window.sameDocument = true');
    await page.locator('[data-testid="printer-printer"][data-status="online"]').waitFor({ timeout: waitMs });
    await page.locator('[data-testid="mode"][data-mode="online"]').waitFor({ timeout: waitMs });
    await page.locator('#live[data-live="open"]').waitFor({ timeout: waitMs });

    await app.printer.setMode('offline');
    await page.locator('[data-testid="mode"][data-mode="offline"]').waitFor({ timeout: waitMs });
    const background = "getComputedStyle(document.querySelector('[data-testid=mode]')).backgroundColor";
    assert.is(await page.evaluate(background), 'rgb(217, 48, 37)', 'offline is red');
    await page.locator('[data-testid="printer-printer"][data-status="offline"]').waitFor({ timeout: waitMs });

    const created = await app.request('POST', '/orders', pickupOrder);
    assert.is(created.status, 201);
    const { orderId } = (await created.json()) as { orderId: string };
    const order = page.getByTestId(`order-${orderId}`);
    await order.waitFor({ timeout: waitMs });
    await page
      .locator('.count:not([data-testid="queue-gave-up"]) b:not(:text-is("0"))')
      .first()
      .waitFor({ timeout: waitMs });
    assert.ok((await queueNotOnPaper(page)) > 0, 'the tickets wait in the queue');
    assert.match((await order.textContent()) ?? '', /<b>Lovelace<\/b>/, 'order text shows as text');

    await app.printer.setMode('online');
    // Printed: it has tickets and none of them is in another state.
    await page
      .locator(`[data-testid="order-${orderId}"]:has(.chip.printed):not(:has(.chip:not(.printed)))`)
      .waitFor({ timeout: waitMs });
    await page.locator('[data-testid="mode"][data-mode="online"]').waitFor({ timeout: waitMs });
    assert.is(await queueNotOnPaper(page), 0);
    await page
      .locator('[data-testid="timeline"] rect.bar[data-component="printer:printer"]')
      .first()
      .waitFor({
        state: 'attached',
        timeout: waitMs,
      });

    await order.getByRole('button').first().click();
    const preview = order.locator('.ticket img').first();
    await preview.waitFor({ timeout: waitMs });
    const previewsLoaded = `[...document.querySelectorAll('[data-testid="order-${orderId}"] .ticket img')]
      .every((image) => image.complete && image.naturalWidth > 0)`;
    // Polled from outside: waitForFunction with a string evaluates it in the page, which the CSP forbids.
    await eventually('the previews loaded', () => page.evaluate(previewsLoaded), waitMs);
    assert.is(await page.evaluate('window.sameDocument'), true, 'the page was never reloaded');
    await page.getByRole('button', { name: '7 days' }).click();
    await page.locator('[data-range="week"][aria-pressed="true"]').waitFor({ timeout: waitMs });
    await page
      .locator('[data-testid="timeline"] rect.bar[data-component="printer:printer"]')
      .first()
      .waitFor({
        state: 'attached',
        timeout: waitMs,
      });
    await page.getByRole('button', { name: '24 h' }).click();

    mkdirSync(outputDir, { recursive: true });
    await page.screenshot({ path: join(outputDir, 'dashboard.png'), fullPage: true });
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.screenshot({ path: join(outputDir, 'dashboard-tablet.png'), fullPage: true });
    assert.equal(problems, []);
    await page.close();
  },
);

dashboard(
  'given an order Wix sent that could not be read, the page says so with its Wix order id until the order is read',
  async ({ app, browser }) => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    const problems = watchProblems(page);
    await page.goto(`${app.url}/`);
    await page.locator('#live[data-live="open"]').waitFor({ timeout: waitMs });
    assert.is(await page.getByTestId('unreadable-orders').isVisible(), false, 'no notice while all is read');

    const order = makeWixOrder({});
    const { lineItems: _unreadable, ...shapeOfTomorrow } = order;
    const unreadable = orderCreatedDelivery(shapeOfTomorrow as WixOrder);
    const posted = await app.request(
      'POST',
      '/webhooks/wix',
      await signWixWebhook(unreadable, app.keys.privateKey),
    );
    assert.is(posted.status, 200);
    const notice = page.getByTestId(`unreadable-${order.id}`);
    await notice.waitFor({ timeout: waitMs });
    assert.match((await notice.textContent()) ?? '', /An order could not be read — open it in Wix: order/);
    assert.is(await notice.locator('code').textContent(), order.id);
    mkdirSync(outputDir, { recursive: true });
    await page.screenshot({ path: join(outputDir, 'dashboard-unreadable.png'), fullPage: true });

    const approved = await signWixWebhook(orderApprovedDelivery(order), app.keys.privateKey);
    assert.is((await app.request('POST', '/webhooks/wix', approved)).status, 200);
    await page.getByTestId('unreadable-orders').waitFor({ state: 'hidden', timeout: waitMs });
    assert.equal(problems, []);
    await page.close();
  },
);

dashboard(
  'given Wix cannot reach the box, when catch-up finds an order whose webhook never came, then a red banner says so until webhooks flow again',
  async ({ browser }) => {
    const wix = await startFakeWixApi({ apiKey: 'fake-wix-api-key', siteId: 'fake-site-id' });
    const app = await startTestService({
      config: { wix: { reconcileIntervalMs: 300, webhookGraceMs: 1_000 } },
      env: {
        BONRELAY_WIX_API_BASE: wix.baseUrl,
        BONRELAY_WIX_API_KEY: 'fake-wix-api-key',
        BONRELAY_WIX_SITE_ID: 'fake-site-id',
      },
    });
    try {
      const page = await browser.newPage({ viewport: { width: 414, height: 896 } });
      const problems = watchProblems(page);
      await page.goto(`${app.url}/`);
      await page.locator('#live[data-live="open"]').waitFor({ timeout: waitMs });
      const banner = page.getByTestId('webhook-path-banner');
      assert.is(await banner.isVisible(), false, 'no banner while webhooks arrive');

      const now = new Date().toISOString();
      wix.addOrder(makeWixOrder({ createdDate: now, updatedDate: now } as never));
      await banner.waitFor({ timeout: waitMs });
      assert.match(
        (await banner.textContent()) ?? '',
        /Wix cannot reach this box: orders are fetched every minute instead; check the tunnel \/ public URL/,
      );
      const background =
        "getComputedStyle(document.querySelector('[data-testid=webhook-path-banner]')).backgroundColor";
      assert.is(await page.evaluate(background), 'rgb(217, 48, 37)', 'the banner is red');
      const gapBar = page.locator('[data-testid="timeline"] rect.bar[data-component="webhook-path"]').first();
      await gapBar.waitFor({ state: 'attached', timeout: waitMs });
      assert.match(
        (await gapBar.locator('title').textContent()) ?? '',
        /^Wix webhooks: webhooks not arriving\n/,
      );
      mkdirSync(outputDir, { recursive: true });
      await page.screenshot({ path: join(outputDir, 'dashboard-webhook-gap.png'), fullPage: true });

      const delivery = await signWixWebhook(orderCreatedDelivery(makeWixOrder({})), app.keys.privateKey);
      assert.is((await app.request('POST', '/webhooks/wix', delivery)).status, 200);
      await banner.waitFor({ state: 'hidden', timeout: waitMs });
      assert.equal(problems, []);
      await page.close();
    } finally {
      await app.stop();
      await wix.close();
    }
  },
);

dashboard(
  'given an API token is set, the page asks for it once, keeps it for the tab and sends commands with it',
  async ({ browser }) => {
    const guarded = await startTestService({ env: { BONRELAY_API_TOKEN: token } });
    try {
      const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
      const problems = watchProblems(page);
      await page.goto(`${guarded.url}/`);
      await page.locator('#token-dialog[open]').waitFor({ timeout: waitMs });
      await page.getByRole('textbox', { name: 'API token' }).fill(token);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.locator('#live[data-live="open"]').waitFor({ timeout: waitMs });
      await page
        .locator('[data-testid="printer-printer"][data-status="online"]')
        .waitFor({ timeout: waitMs });

      await page.reload();
      await page.locator('#live[data-live="open"]').waitFor({ timeout: waitMs });
      assert.is(await page.locator('#token-dialog[open]').count(), 0, 'the token is not asked again');
      await page.getByRole('button', { name: 'Print test ticket' }).click();
      await page.locator('#notice', { hasText: 'Test ticket queued' }).waitFor({ timeout: waitMs });
      await guarded.printer.waitForJobs(1, waitMs);
      // The 401 that asked for the token is the browser's only complaint.
      assert.equal(
        problems.filter((problem) => !problem.includes('401')),
        [],
      );
      await page.close();
    } finally {
      await guarded.stop();
    }
  },
);

dashboard(
  'given an order on paper, at desktop (1280 px) and phone (390 px) width every print-queue column is on its card and no grid column stays empty',
  async ({ app, browser }) => {
    const created = await app.request('POST', '/orders', pickupOrder);
    assert.is(created.status, 201);
    mkdirSync(outputDir, { recursive: true });
    for (const width of [1280, 390]) {
      const page = await browser.newPage({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
      const problems = watchProblems(page);
      await page.goto(`${app.url}/`);
      await page.locator('#queue-printers tr[data-printer="printer"]').waitFor({ timeout: waitMs });
      await page.locator('#live[data-live="open"]').waitFor({ timeout: waitMs });
      await page.screenshot({ path: join(outputDir, `dashboard-${width}.png`), fullPage: true });
      assert.equal(await page.evaluate(cutOffQueueColumns), [], `queue columns cut off at ${width} px`);
      assert.equal(
        await page.evaluate(unfilledGridRows),
        [],
        `grid rows with an empty column at ${width} px`,
      );
      assert.ok(Number(await page.evaluate(pageOverflow)) <= 0, `the page scrolls sideways at ${width} px`);
      assert.equal(problems, []);
      await page.close();
    }
  },
);

dashboard(
  'given an order cancelled after it arrived and one that arrived cancelled, each reads "cancelled" in the list',
  async ({ app, browser }) => {
    const laterCancelled = makeWixOrder({ id: '7c1f3e2a-5b4d-4e6f-8a9b-0c1d2e3f4a5b', number: '30001' });
    await deliver(app, orderCreatedDelivery(laterCancelled));
    await deliver(app, orderCanceledDelivery(laterCancelled));
    await deliver(app, orderCreatedDelivery(wixOrderFixtures.cancelled));
    const page = await browser.newPage({ viewport: { width: 390, height: 900 } });
    const problems = watchProblems(page);
    await page.goto(`${app.url}/`);
    for (const number of ['30001', wixOrderFixtures.cancelled.number]) {
      const row = page.getByTestId(`order-${await orderIdOf(app, number)}`);
      await row.waitFor({ timeout: waitMs });
      await row.getByText('cancelled', { exact: true }).waitFor({ timeout: waitMs });
      assert.is(await row.getAttribute('data-canceled'), 'true', `order ${number} is marked cancelled`);
    }
    assert.equal(problems, []);
    await page.close();
  },
);

dashboard(
  'given the last hour mark is a minute old, its label stays whole at the right edge of the timeline, at 1280 and 390 px',
  async ({ app, browser }) => {
    for (const width of [1280, 390]) {
      const page = await browser.newPage({ viewport: { width, height: 900 }, timezoneId: 'Europe/Berlin' });
      const problems = watchProblems(page);
      await page.clock.setFixedTime(new Date('2025-03-14T12:01:00+01:00'));
      await page.goto(`${app.url}/`);
      await page.locator('#timeline-chart svg text', { hasText: '12:00' }).waitFor({ timeout: waitMs });
      assert.equal(await page.evaluate(cutOffTimelineLabels), [], `labels cut off at ${width} px`);
      assert.equal(problems, []);
      await page.close();
    }
  },
);

dashboard(
  'given BONRELAY_LOCALE=de-DE, the page speaks German (lang, mode, printers, orders, commands) and still fits a phone',
  async ({ browser }) => {
    const german = await startTestService({ env: { BONRELAY_LOCALE: 'de-DE' } });
    try {
      const page = await browser.newPage({ viewport: { width: 390, height: 900 }, deviceScaleFactor: 1 });
      const problems = watchProblems(page);
      await page.goto(`${german.url}/`);
      assert.is(await page.getAttribute('html', 'lang'), 'de-DE');
      assert.is(await page.title(), 'bonrelay — Küchendruck');
      await page.locator('#live[data-live="open"]').waitFor({ timeout: waitMs });
      await page.locator('#live', { hasText: 'live' }).waitFor({ timeout: waitMs });
      await page
        .locator('[data-testid="mode"][data-mode="online"]', {
          hasText: 'Bestellungen kommen an und werden gedruckt.',
        })
        .waitFor({ timeout: waitMs });
      const printer = page.locator('[data-testid="printer-printer"][data-status="online"]');
      await printer.waitFor({ timeout: waitMs });
      assert.match((await printer.textContent()) ?? '', /^Drucker printer online · seit \d+ s$/);

      const created = await german.request('POST', '/orders', pickupOrder);
      assert.is(created.status, 201);
      const { orderId } = (await created.json()) as { orderId: string };
      const order = page.locator(
        `[data-testid="order-${orderId}"]:has(.chip.printed):not(:has(.chip:not(.printed)))`,
      );
      await order.waitFor({ timeout: waitMs });
      const summary = (await order.textContent()) ?? '';
      assert.match(summary, /Abholung · Ada <b>Lovelace<\/b>/);
      assert.match(summary, /Küche: gedruckt/);
      assert.match(summary, /Kunde: gedruckt/);
      await eventually('the kitchen ticket printed in German', () =>
        german.printer.jobs.some((job) => job.text.includes('KÜCHE') && job.text.includes('ABHOLUNG')),
      );

      await order.getByRole('button').first().click();
      await order.getByRole('button', { name: 'Nachdrucken' }).first().click();
      await page
        .locator('#notice', { hasText: /^Nachdruck des Bons „(Küche|Kunde)“ eingereiht$/ })
        .waitFor({ timeout: waitMs });
      await page.getByRole('button', { name: '7 Tage' }).click();
      await page.locator('[data-range="week"][aria-pressed="true"]').waitFor({ timeout: waitMs });
      await page
        .locator('#timeline-summary', { hasText: 'Keine Ausfälle in diesem Zeitraum.' })
        .waitFor({ timeout: waitMs });
      const headers = await page.locator('#queue-printers th').allTextContents();
      assert.equal(
        headers.map((header) => header.replaceAll('\u00ad', '')),
        ['Drucker', 'Wartend', 'Im Druck', 'Neuversuch', 'Aufgegeben', 'Gedruckt'],
      );
      assert.equal(await page.evaluate(cutOffQueueColumns), [], 'queue columns cut off in German at 390 px');
      assert.ok(Number(await page.evaluate(pageOverflow)) <= 0, 'the German page scrolls sideways at 390 px');
      await german.printer.setMode('paper-near-end');
      await page
        .locator('[data-testid="printer-printer"][data-status="paper-near-end"]', {
          hasText: 'Papier fast leer',
        })
        .waitFor({ timeout: waitMs });
      await page
        .locator('#warnings li', { hasText: 'Drucker printer: Papier fast leer' })
        .waitFor({ timeout: waitMs });
      await german.printer.setMode('paper-end');
      await page
        .locator('[data-testid="printer-printer"][data-status="paper-end"]')
        .waitFor({ timeout: waitMs });
      const outage = page
        .locator('[data-testid="timeline"] rect.bar[data-component="printer:printer"]')
        .first();
      await outage.waitFor({ state: 'attached', timeout: waitMs });
      assert.match((await outage.locator('title').textContent()) ?? '', /^Drucker printer: Papier leer\n/);
      mkdirSync(outputDir, { recursive: true });
      await page.screenshot({ path: join(outputDir, 'dashboard-de.png'), fullPage: true });
      assert.equal(problems, []);
      await page.close();
    } finally {
      await german.stop();
    }
  },
);

dashboard(
  'given the default locale, the page says lang="en-GB" and speaks English',
  async ({ app, browser }) => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await page.goto(`${app.url}/`);
    assert.is(await page.getAttribute('html', 'lang'), 'en-GB');
    await page
      .locator('[data-testid="mode"][data-mode="online"]', { hasText: 'Orders arrive and print.' })
      .waitFor({ timeout: waitMs });
    await page.getByRole('button', { name: 'Check now' }).click();
    await page
      .locator('#notice', { hasText: /^Checked\. printer: online, internet: / })
      .waitFor({ timeout: waitMs });
    await page.close();
  },
);

dashboard.run();
