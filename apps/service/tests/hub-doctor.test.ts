import { makeWixOrder, orderApprovedDelivery, signWixWebhook } from '@bonrelay/wix-fake';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cli, serviceEnvironment } from './cli-scenario.ts';
import { hubDatabasesUnderTest } from './support/hub-databases.ts';
import { fastHubConfig, registerSite, siteHubEnv, startTestHub } from './support/test-hub.ts';
import { eventually, startTestService } from './support/test-service.ts';

const database = hubDatabasesUnderTest().at(-1);
if (database) {
  test(`[${database.dialect}] doctor on a site shows how far the hub's copy lags; on a hub, its database and sites`, async () => {
    const url = await database.fresh();
    const hub = await startTestHub(url);
    const token = await registerSite(hub, 'mitte');
    const site = await startTestService({ env: siteHubEnv(hub.url, 'mitte', token), config: fastHubConfig });
    const env = { ...serviceEnvironment(site), ...siteHubEnv(hub.url, 'mitte', token) };
    try {
      const jwt = await signWixWebhook(orderApprovedDelivery(makeWixOrder()), site.keys.privateKey);
      assert.is((await site.request('POST', '/webhooks/wix', jwt)).status, 200);
      const end = site.service.store.lastPosition();
      await eventually('the hub to catch up', async () => {
        const health = await site.json<{ hub: { replicatedUpTo: number } }>('/health');
        return health.hub.replicatedUpTo >= end;
      });
      const caughtUp = await cli(['doctor'], env);
      assert.match(
        caughtUp.out,
        /\[ok {2}\] hub replication +replicated up to \d+ of \d+ \(lag \d+ events?\)/,
      );

      await hub.stop();
      const away = await cli(['doctor'], env);
      assert.match(away.out, /\[warn\] hub replication +http:\/\/127\.0\.0\.1:\d+ unreachable/);

      const wrongToken = await startTestHub(url);
      const refused = await cli(['doctor'], {
        ...env,
        BONRELAY_HUB_URL: wrongToken.url,
        BONRELAY_HUB_TOKEN: 'x'.repeat(43),
      });
      assert.match(refused.out, /\[FAIL\] hub replication +.* refuses this site \(401/);
      const atHub = await cli(['doctor'], {
        ...serviceEnvironment(site),
        BONRELAY_ROLE: 'hub',
        BONRELAY_DATABASE_URL: url,
      });
      assert.match(
        atHub.out,
        /\[ok {2}\] hub database +(sqlite|postgres): schema current, 1 site\(s\) registered/,
      );
      await wrongToken.stop();
    } finally {
      await site.stop();
    }
  });
}

test.run();
