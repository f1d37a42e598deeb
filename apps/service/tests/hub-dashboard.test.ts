import { makeWixOrder, orderApprovedDelivery, signWixWebhook } from '@bonrelay/wix-fake';
import { chromium } from 'playwright-core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hubDatabasesUnderTest } from './support/hub-databases.ts';
import { fastHubConfig, registerSite, siteHubEnv, startTestHub } from './support/test-hub.ts';
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

test.run();
