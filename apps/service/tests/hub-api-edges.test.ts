import pg from 'pg';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hubDatabasesUnderTest } from './support/hub-databases.ts';
import { registerSite, startTestHub } from './support/test-hub.ts';
import { eventually } from './support/test-service.ts';

const database = hubDatabasesUnderTest()[0];
if (!database) throw new Error('no hub database');

test('a hub without a Wix key answers the webhook 503 with what to set, so Wix retries meanwhile', async () => {
  const hub = await startTestHub(await database.fresh());
  try {
    const response = await fetch(`${hub.url}/webhooks/wix`, { method: 'POST', body: 'x.y.z' });
    assert.is(response.status, 503);
    assert.match(((await response.json()) as { message: string }).message, /BONRELAY_WIX_PUBLIC_KEY_FILE/);
  } finally {
    await hub.stop();
  }
});

test('a replication batch that is not one is refused 400 and stores nothing; a stale batch is answered with where the hub stands', async () => {
  const hub = await startTestHub(await database.fresh());
  const token = await registerSite(hub, 'mitte');
  const post = (body: string) =>
    fetch(`${hub.url}/replication/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    });
  try {
    assert.is((await post('{"events":[[1,"id"]]}')).status, 400);
    assert.is((await post('not json')).status, 400);
    const row = [
      2,
      'e-2',
      's',
      1,
      'ServiceStarted',
      1,
      '{}',
      '{}',
      '2026-11-27T19:40:00.000Z',
      '0'.repeat(64),
    ];
    const gap = await post(JSON.stringify({ events: [row] }));
    assert.is(gap.status, 409, 'a batch that skips position 1 does not continue the site log');
    assert.equal(await gap.json(), { error: 'out-of-order', acknowledgedPosition: 0 });
    const position = await fetch(`${hub.url}/replication/position`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(await position.json(), { site: 'mitte', acknowledgedPosition: 0 });
  } finally {
    await hub.stop();
  }
});

test('with an API token set, the hub read API wants it; the hub journal lists what the hub recorded', async () => {
  const apiToken = 'hub-api-token-0123456789';
  const hub = await startTestHub(await database.fresh(), { env: { BONRELAY_API_TOKEN: apiToken } });
  try {
    assert.is((await fetch(`${hub.url}/api/sites`)).status, 401);
    assert.is((await fetch(`${hub.url}/`)).status, 401, 'the overview page wants it too');
    const page = await fetch(`${hub.url}/?token=${apiToken}`);
    assert.match(await page.text(), /No sites yet/);
    const sites = await fetch(`${hub.url}/api/sites`, { headers: { authorization: `Bearer ${apiToken}` } });
    assert.equal(await sites.json(), { sites: [], next: null });
    const journal = await fetch(`${hub.url}/api/hub-events`, {
      headers: { authorization: `Bearer ${apiToken}` },
    });
    assert.equal(await journal.json(), { events: [], next: null });
    assert.is((await fetch(`${hub.url}/health`)).status, 200, 'health stays open for the proxy');
    assert.is((await fetch(`${hub.url}/hub/orders`)).status, 401, 'the order stream wants a site token');
  } finally {
    await hub.stop();
  }
});

const postgres = hubDatabasesUnderTest().find((candidate) => candidate.dialect === 'postgres');
if (postgres) {
  test('[postgres] a hub outlives its database connections being dropped (a PostgreSQL restart) and answers on', async () => {
    const url = await postgres.fresh();
    const hub = await startTestHub(url);
    try {
      assert.is((await fetch(`${hub.url}/api/sites`)).status, 200);
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const dropped = await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
      );
      await admin.end();
      assert.ok(dropped.rowCount && dropped.rowCount > 0, 'the hub had connections to drop');
      await eventually(
        'the hub to answer again',
        async () => (await fetch(`${hub.url}/api/sites`)).status === 200,
      );
      assert.ok(hub.logLines.some((line) => line.includes('a database connection dropped')));
    } finally {
      await hub.stop();
    }
  });
}

test.run();
