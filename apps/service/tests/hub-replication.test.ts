import { makeWixOrder, orderApprovedDelivery, signWixWebhook } from '@bonrelay/wix-fake';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { logRowReader } from '../src/replication/log-rows.ts';
import type { ReplicatedRow } from '../src/replication/replicated-row.ts';
import { freePort } from './chaos-support/service-process.ts';
import { hubDatabasesUnderTest } from './support/hub-databases.ts';
import { fastHubConfig, registerSite, siteHubEnv, startTestHub, type TestHub } from './support/test-hub.ts';
import { eventually, startTestService, type TestService } from './support/test-service.ts';

async function takeOrders(site: TestService, count: number, guest = 'Ada Lovelace'): Promise<void> {
  for (let index = 0; index < count; index++) {
    const order = makeWixOrder({
      billingInfo: {
        contactDetails: {
          firstName: guest.split(' ')[0],
          lastName: guest.split(' ')[1],
          phone: '+49 30 1234567',
        },
      },
    } as never);
    const jwt = await signWixWebhook(orderApprovedDelivery(order), site.keys.privateKey);
    assert.is((await site.request('POST', '/webhooks/wix', jwt)).status, 200);
  }
}

async function hubRows(hub: TestHub, siteId: string): Promise<ReplicatedRow[]> {
  const rows = await hub.hub.database.db
    .selectFrom('hub_site_events')
    .selectAll()
    .where('site_id', '=', siteId)
    .orderBy('position')
    .execute();
  return rows.map((row) => [
    Number(row.position),
    row.id,
    row.stream,
    row.stream_version,
    row.type,
    row.schema_version,
    row.data,
    row.metadata,
    row.recorded_at,
    row.hash,
  ]);
}

async function caughtUp(hub: TestHub, site: TestService, siteId: string) {
  return eventually('the hub to hold the whole site log', async () => {
    const rows = await hubRows(hub, siteId);
    return rows.length === site.service.store.lastPosition() ? rows : undefined;
  });
}

for (const database of hubDatabasesUnderTest()) {
  test(`[${database.dialect}] a site's log arrives at the hub once, in the site's order, exactly as the site stored it`, async () => {
    const hub = await startTestHub(await database.fresh());
    const token = await registerSite(hub, 'mitte');
    const site = await startTestService({ env: siteHubEnv(hub.url, 'mitte', token), config: fastHubConfig });
    try {
      await takeOrders(site, 5);
      const rows = await caughtUp(hub, site, 'mitte');
      assert.equal(rows, logRowReader(site.service.store)(0, rows.length));
      const orderEvents = rows.filter((row) => row[4] === 'OrderReceived');
      assert.is(orderEvents.length, 5);
      const opened = JSON.stringify(site.service.store.read({ types: ['OrderReceived'] }));
      assert.ok(opened.includes('Lovelace'), 'the site itself reads its guest');
      assert.not.ok(
        orderEvents.some((row) => row[6].includes('Lovelace')),
        'the guest stays sealed at the hub',
      );
      const health = await site.json<{ hub: { replicatedUpTo: number; state: string } }>('/health');
      assert.ok(
        health.hub.replicatedUpTo >= 5 * 3,
        `health shows the hub position: ${JSON.stringify(health.hub)}`,
      );
    } finally {
      await site.stop();
      await hub.stop();
    }
  });

  test(`[${database.dialect}] while the hub is down the site works on; when it is back, replication resumes from the hub's position`, async () => {
    const url = await database.fresh();
    const port = await freePort();
    let hub = await startTestHub(url, { port });
    const token = await registerSite(hub, 'mitte');
    const site = await startTestService({ env: siteHubEnv(hub.url, 'mitte', token), config: fastHubConfig });
    try {
      await takeOrders(site, 2);
      await caughtUp(hub, site, 'mitte');
      await hub.stop();
      await takeOrders(site, 3);
      await eventually('the site to see the hub is gone', async () => {
        const health = await site.json<{ hub: { state: string } }>('/health');
        return health.hub.state === 'unreachable';
      });
      hub = await startTestHub(url, { port });
      const rows = await caughtUp(hub, site, 'mitte');
      assert.equal(rows, logRowReader(site.service.store)(0, rows.length));
    } finally {
      await site.stop();
      await hub.stop();
    }
  });

  test(`[${database.dialect}] a batch sent to two replicas at once is stored once`, async () => {
    const url = await database.fresh();
    const [first, second] = [await startTestHub(url), await startTestHub(url)] as [TestHub, TestHub];
    const token = await registerSite(first, 'mitte');
    const site = await startTestService();
    try {
      await takeOrders(site, 3);
      const events = logRowReader(site.service.store)(0, 100_000);
      const post = (hub: TestHub, rows: readonly ReplicatedRow[]) =>
        fetch(`${hub.url}/replication/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ events: rows }),
        });
      const answers = await Promise.all([
        post(first, events),
        post(second, events),
        post(second, events.slice(0, 4)),
      ]);
      assert.equal(
        answers.map((answer) => answer.status),
        [200, 200, 200],
      );
      assert.equal(await hubRows(first, 'mitte'), events);
    } finally {
      await site.stop();
      await first.stop();
      await second.stop();
    }
  });

  test(`[${database.dialect}] a broken hash chain is refused loudly: 422, a recorded refusal, a log line; nothing stored`, async () => {
    const hub = await startTestHub(await database.fresh());
    const token = await registerSite(hub, 'mitte');
    const site = await startTestService();
    try {
      await takeOrders(site, 2);
      const events = logRowReader(site.service.store)(0, 100_000);
      const tampered = events.map(
        (row, index): ReplicatedRow =>
          index === 3
            ? [
                row[0],
                row[1],
                row[2],
                row[3],
                row[4],
                row[5],
                row[6].replace('1', '2'),
                row[7],
                row[8],
                row[9],
              ]
            : row,
      );
      const post = (rows: readonly ReplicatedRow[]) =>
        fetch(`${hub.url}/replication/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ events: rows }),
        });
      const refused = await post(tampered);
      assert.is(refused.status, 422);
      assert.is(((await refused.json()) as { brokenAt: number }).brokenAt, 4);
      assert.equal(await hubRows(hub, 'mitte'), []);
      const recorded = await hub.hub.database.db
        .selectFrom('hub_events')
        .selectAll()
        .where('type', '=', 'ReplicationRefused')
        .execute();
      assert.equal(
        recorded.map((row) => [row.type, row.site_id]),
        [['ReplicationRefused', 'mitte']],
      );
      assert.ok(hub.logLines.some((line) => line.includes('"alert":"replication-refused"')));
      const sites = (await (await fetch(`${hub.url}/api/sites`)).json()) as {
        sites: { replicationRefused: unknown }[];
      };
      assert.ok(sites.sites[0]?.replicationRefused, 'the overview shows the refusal');

      const wrongToken = await fetch(`${hub.url}/replication/events`, {
        method: 'POST',
        headers: { authorization: 'Bearer not-a-site', 'content-type': 'application/json' },
        body: JSON.stringify({ events }),
      });
      assert.is(wrongToken.status, 401);
      assert.is((await post(events)).status, 200);
      assert.equal(await hubRows(hub, 'mitte'), events);
    } finally {
      await site.stop();
      await hub.stop();
    }
  });

  test(`[${database.dialect}] a site whose log was replaced is refused loudly, not taken as replicated`, async () => {
    const hub = await startTestHub(await database.fresh());
    const token = await registerSite(hub, 'mitte');
    const first = await startTestService({ env: siteHubEnv(hub.url, 'mitte', token), config: fastHubConfig });
    await takeOrders(first, 3);
    await caughtUp(hub, first, 'mitte');
    await first.stop();
    const reinstalled = await startTestService({
      env: siteHubEnv(hub.url, 'mitte', token),
      config: fastHubConfig,
    });
    try {
      const health = await eventually('the site to hear it is refused', async () => {
        const answer = await reinstalled.json<{ hub: { state: string; lastError: string } }>('/health');
        return answer.hub.state === 'refused' ? answer.hub : undefined;
      });
      assert.match(
        health.lastError,
        /http:\/\/127\.0\.0\.1:\d+ holds \d+ events of site mitte but this log has \d+/,
      );
      const rows = logRowReader(reinstalled.service.store)(0, 3);
      const resent = await fetch(`${hub.url}/replication/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events: rows }),
      });
      assert.is(resent.status, 422, 'rows the hub holds must be the rows it holds');
      assert.ok(hub.logLines.some((line) => line.includes('"alert":"replication-refused"')));
    } finally {
      await reinstalled.stop();
      await hub.stop();
    }
  });
}

test.run();
