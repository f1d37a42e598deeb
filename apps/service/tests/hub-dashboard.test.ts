import { generateWixKeyPair, makeWixOrder, orderApprovedDelivery, signWixWebhook } from '@bonrelay/wix-fake';
import { chromium } from 'playwright-core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { logRowReader } from '../src/replication/log-rows.ts';
import type { ReplicatedRow } from '../src/replication/replicated-row.ts';
import { hubDatabasesUnderTest } from './support/hub-databases.ts';
import { fastHubConfig, registerSite, siteHubEnv, startTestHub, type TestHub } from './support/test-hub.ts';
import { eventually, startTestService } from './support/test-service.ts';

const chromiumArgs = ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run'];

test('the dashboard of a site linked to a hub says "hub: replicated up to …", and that the hub is away when it is', async () => {
  const database = hubDatabasesUnderTest()[0];
  if (!database) throw new Error('no hub database');
  const hub = await startTestHub(await database.fresh());
  const token = await registerSite(hub, 'mitte');
  const site = await startTestService({ env: siteHubEnv(hub.url, 'mitte', token), config: fastHubConfig });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  try {
    const page = await browser.newPage();
    await page.goto(site.url);
    const jwt = await signWixWebhook(orderApprovedDelivery(makeWixOrder()), site.keys.privateKey);
    assert.is((await site.request('POST', '/webhooks/wix', jwt)).status, 200);
    const line = page.getByTestId('hub');
    await eventually('the hub line to show the whole log replicated', async () => {
      const end = site.service.store.lastPosition();
      const text = (await line.textContent()) ?? '';
      return text === `hub: replicated up to ${end} of ${end} (caught up)` ? text : undefined;
    });
    await hub.stop();
    await eventually('the hub line to say the hub is away', async () =>
      /^hub: replicated up to \d+ of \d+ \(unreachable\)/.test((await line.textContent()) ?? ''),
    );
  } finally {
    await browser.close();
    await site.stop();
    await hub.stop();
  }
});

/** The rows of the overview's alert panel, each as its cells' text (none: no panel at all). */
async function alertRowsOnOverview(hub: TestHub): Promise<string[][] | undefined> {
  const page = await (await fetch(`${hub.url}/`)).text();
  const panel = /<section data-testid="hub-alerts">([\s\S]*?)<\/section>/.exec(page)?.[1];
  if (panel === undefined) return undefined;
  const heading = /<h2[^>]*>(.*?)<\/h2>/.exec(panel)?.[1] ?? '';
  const rows = [...panel.matchAll(/<tr data-alert[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) =>
      (cell[1] ?? '').replace(/<time datetime="([^"]+)">[^<]*<\/time>/, '$1').replace(/<[^>]+>/g, ''),
    ),
  );
  return [[heading], ...rows];
}

for (const database of hubDatabasesUnderTest()) {
  test(`[${database.dialect}] the hub's overview puts its open alerts on top (what, which site, since when) in the page's language, and a resolved one goes`, async () => {
    const keys = await generateWixKeyPair();
    const hub = await startTestHub(await database.fresh(), {
      env: { BONRELAY_WIX_PUBLIC_KEY: keys.publicKeyPem },
      adjust: (config) => ({
        ...config,
        dashboard: { locale: 'de-DE' },
        alerts: { ...config.alerts, checkIntervalMs: 50 },
      }),
    });
    const site = await startTestService({ keys });
    try {
      assert.is(await alertRowsOnOverview(hub), undefined, 'no alert, no panel');
      const token = await registerSite(hub, 'mitte');

      // A Wix order for an instance no site registered: an alert about no site.
      const jwt = await signWixWebhook(orderApprovedDelivery(makeWixOrder({})), keys.privateKey);
      assert.is((await fetch(`${hub.url}/webhooks/wix`, { method: 'POST', body: jwt })).status, 200);
      // A site whose log does not hold together: refused, an alert about that site.
      assert.is((await site.request('POST', '/webhooks/wix', jwt)).status, 200);
      const events = logRowReader(site.service.store)(0, 100_000);
      const tampered = events.map(
        (row, index): ReplicatedRow =>
          (index === 2 ? [...row.slice(0, 6), `${row[6]} `, ...row.slice(7)] : row) as ReplicatedRow,
      );
      const replicate = (rows: readonly ReplicatedRow[]) =>
        fetch(`${hub.url}/replication/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ events: rows }),
        });
      const refusedAt = Date.now();
      assert.is((await replicate(tampered)).status, 422);

      const shown = await eventually('both alerts on the overview', async () => {
        const rows = await alertRowsOnOverview(hub);
        return rows?.length === 3 ? rows : undefined;
      });
      assert.equal(shown[0], ['2 offene Alarme']);
      const refused = shown.find((row) => row[0] === 'Protokoll eines Standorts abgewiesen');
      assert.is(refused?.[1], 'mitte');
      assert.ok(Math.abs(Date.parse(refused?.[2] ?? '') - refusedAt) < 60_000, 'since when it is raised');
      assert.match(refused?.[3] ?? '', /site mitte/);
      const unroutable = shown.find((row) => row[0] === 'Bestellung ohne Standort');
      assert.is(unroutable?.[1], 'kein Standort');

      // The site's real log is taken again: its alert is resolved and leaves the page.
      assert.is((await replicate(events)).status, 200);
      const after = await eventually('the resolved alert to go', async () => {
        const rows = await alertRowsOnOverview(hub);
        return rows?.length === 2 ? rows : undefined;
      });
      assert.equal(after[0], ['1 offener Alarm']);
      assert.is(after[1]?.[0], 'Bestellung ohne Standort');
    } finally {
      await site.stop();
      await hub.stop();
    }
  });
}

test.run();
