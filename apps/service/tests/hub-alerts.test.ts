import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  generateWixKeyPair,
  makeWixOrder,
  orderApprovedDelivery,
  orderCreatedDelivery,
  signWixWebhook,
} from '@bonrelay/wix-fake';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { logRowReader } from '../src/replication/log-rows.ts';
import type { ReplicatedRow } from '../src/replication/replicated-row.ts';
import { hubDatabasesUnderTest } from './support/hub-databases.ts';
import { type SmtpUnderTest, startSmtpUnderTest } from './support/smtp-under-test.ts';
import { registerSite, startTestHub, type TestHub } from './support/test-hub.ts';
import { eventually, startTestService } from './support/test-service.ts';

const keys = await generateWixKeyPair();
const login = { user: 'alerts@group.example', pass: 'hunter22-secret' };

interface AlertPost {
  notice: string;
  kind: string;
  subject: string;
  message: string;
}

/** A loopback alert receiver (a chat webhook, say) that keeps every notice it is sent. */
async function alertReceiver(
  refuseFirst = 0,
): Promise<{ server: Server; url: string; posts: AlertPost[]; refused: number }> {
  const posts: AlertPost[] = [];
  const receiver = { refused: 0 };
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      if (receiver.refused < refuseFirst) {
        receiver.refused += 1;
        response.statusCode = 503;
        response.end('busy');
        return;
      }
      posts.push(JSON.parse(body) as AlertPost);
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`;
  return Object.assign(receiver, { server, url, posts });
}

interface Group {
  hubs: TestHub[];
  receiver: Awaited<ReturnType<typeof alertReceiver>>;
  smtp: SmtpUnderTest;
  close(): Promise<void>;
}

/** `replicas` hubs on one database, each sending alerts to the same receiver and mailbox. */
async function group(databaseUrl: string, replicas: number, refuseFirst = 0): Promise<Group> {
  const receiver = await alertReceiver(refuseFirst);
  const smtp = await startSmtpUnderTest({ tls: 'none', login });
  const configFile = join(mkdtempSync(join(tmpdir(), 'bonrelay-hub-alerts-')), 'config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      alerts: {
        webhookUrl: receiver.url,
        checkIntervalMs: 50,
        locale: 'en-GB',
        retry: { baseMs: 50, factor: 2, capMs: 200, maxAttempts: 5 },
      },
    }),
  );
  const env = {
    BONRELAY_CONFIG: configFile,
    BONRELAY_WIX_PUBLIC_KEY: keys.publicKeyPem,
    BONRELAY_SMTP_URL: `smtp://${encodeURIComponent(login.user)}:${login.pass}@127.0.0.1:${smtp.port}`,
    BONRELAY_ALERT_EMAILS: 'owner@group.example',
  };
  const hubs: TestHub[] = [];
  for (let index = 0; index < replicas; index++) hubs.push(await startTestHub(databaseUrl, { env }));
  return {
    hubs,
    receiver,
    smtp,
    close: async () => {
      for (const hub of hubs) await hub.stop();
      await new Promise((resolve) => receiver.server.close(resolve));
      await smtp.close();
    },
  };
}

async function notices(hub: TestHub) {
  return hub.hub.database.db
    .withTables<{ hub_alert_notices: { alert_id: string; notice: string; channel: string; state: string } }>()
    .selectFrom('hub_alert_notices')
    .selectAll()
    .orderBy('alert_id')
    .orderBy('notice')
    .orderBy('channel')
    .execute();
}

async function postToHub(hub: TestHub, jwt: string) {
  const response = await fetch(`${hub.url}/webhooks/wix`, { method: 'POST', body: jwt });
  assert.is(response.status, 200);
  assert.is(((await response.json()) as { routed: boolean }).routed, false);
}

for (const database of hubDatabasesUnderTest()) {
  test(`[${database.dialect}] an order for an unknown Wix instance is one alert by webhook and e-mail, however often Wix redelivers it and however many replicas run`, async () => {
    const world = await group(await database.fresh(), 2);
    const [first, second] = world.hubs as [TestHub, TestHub];
    try {
      await registerSite(first, 'mitte', 'inst-mitte');
      const order = makeWixOrder({});
      const created = await signWixWebhook(
        orderCreatedDelivery(order, { instanceId: 'inst-nobody' }),
        keys.privateKey,
      );
      const approved = await signWixWebhook(
        orderApprovedDelivery(order, { instanceId: 'inst-nobody' }),
        keys.privateKey,
      );
      await Promise.all([postToHub(first, created), postToHub(second, created)]);
      await postToHub(second, approved);

      const [mail] = await eventually('the mail', () =>
        world.smtp.received.length > 0 ? world.smtp.received : undefined,
      );
      await eventually('both notices settled', async () => {
        const rows = await notices(first);
        return rows.length === 2 && rows.every((row) => row.state === 'delivered');
      });
      assert.equal(
        world.receiver.posts.map((post) => [post.notice, post.kind, post.subject]),
        [['raised', 'order-unroutable', order.id]],
      );
      assert.match(
        world.receiver.posts[0]?.message ?? '',
        /^An order came to the hub for Wix instance inst-nobody, which no site registered/,
      );
      assert.is(world.smtp.received.length, 1);
      assert.match(mail?.mail.subject ?? '', new RegExp(`Order ${order.id} reached the hub for no site`));
      assert.equal(mail?.envelopeTo, ['owner@group.example']);
      const journal = await first.hub.database.db.selectFrom('hub_events').select('type').execute();
      assert.equal(journal.map((row) => row.type).sort(), [
        'AlertDelivered',
        'AlertDelivered',
        'AlertRaised',
        'OrderUnroutable',
        'OrderUnroutable',
      ]);
    } finally {
      await world.close();
    }
  });

  test(`[${database.dialect}] a refused site is one alert by webhook and e-mail, cleared once its log is taken again`, async () => {
    const world = await group(await database.fresh(), 1);
    const hub = world.hubs[0] as TestHub;
    const site = await startTestService({ keys });
    try {
      const token = await registerSite(hub, 'mitte');
      const jwt = await signWixWebhook(orderApprovedDelivery(makeWixOrder({})), keys.privateKey);
      assert.is((await site.request('POST', '/webhooks/wix', jwt)).status, 200);
      const events = logRowReader(site.service.store)(0, 100_000);
      const tampered = events.map(
        (row, index): ReplicatedRow =>
          (index === 2 ? [...row.slice(0, 6), `${row[6]} `, ...row.slice(7)] : row) as ReplicatedRow,
      );
      const post = (rows: readonly ReplicatedRow[]) =>
        fetch(`${hub.url}/replication/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ events: rows }),
        });
      assert.is((await post(tampered)).status, 422);
      assert.is((await post(tampered)).status, 422, 'the site sends it again');

      const [raisedMail] = await eventually('the mail', () =>
        world.smtp.received.length > 0 ? world.smtp.received : undefined,
      );
      await eventually('the webhook notice', () => world.receiver.posts.length === 1);
      assert.equal(
        world.receiver.posts.map((post) => [post.notice, post.kind, post.subject]),
        [['raised', 'replication-refused', 'mitte']],
      );
      assert.match(
        world.receiver.posts[0]?.message ?? '',
        /^The hub refuses site mitte’s log: the hash chain breaks/,
      );
      assert.match(raisedMail?.mail.subject ?? '', /The hub refuses site mitte's log/);

      assert.is((await post(events)).status, 200);
      await eventually('the "resolved" mail', () => world.smtp.received.length === 2);
      await eventually('the webhook "resolved" notice', () => world.receiver.posts.length === 2);
      assert.equal(
        world.receiver.posts.map((post) => [post.notice, post.kind]),
        [
          ['raised', 'replication-refused'],
          ['cleared', 'replication-refused'],
        ],
      );
      assert.match(world.receiver.posts[1]?.message ?? '', /^Resolved: The hub refuses site mitte/);
      assert.match(world.smtp.received[1]?.mail.subject ?? '', /Resolved: site mitte replicates again/);
      await eventually('all notices settled', async () =>
        (await notices(hub)).every((row) => row.state === 'delivered'),
      );
      assert.is(world.receiver.posts.length, 2);
      assert.is(world.smtp.received.length, 2);
    } finally {
      await site.stop();
      await world.close();
    }
  });

  test(`[${database.dialect}] a receiver that fails is tried again with backoff, and every attempt is in the hub's journal`, async () => {
    const world = await group(await database.fresh(), 1, 2);
    const hub = world.hubs[0] as TestHub;
    try {
      const jwt = await signWixWebhook(
        orderCreatedDelivery(makeWixOrder({}), { instanceId: 'inst-nobody' }),
        keys.privateKey,
      );
      await postToHub(hub, jwt);
      await eventually('the third attempt to get through', () => world.receiver.posts.length === 1);
      const journal = await eventually('the delivery journalled', async () => {
        const rows = await hub.hub.database.db
          .selectFrom('hub_events')
          .select(['type', 'data'])
          .where('type', 'in', ['AlertDelivered', 'AlertDeliveryFailed'])
          .execute();
        const webhook = rows
          .map((row) => ({
            type: row.type,
            ...(JSON.parse(row.data) as { channel: string; attempt: number }),
          }))
          .filter((row) => row.channel === 'webhook')
          .sort((a, b) => a.attempt - b.attempt);
        return webhook.length === 3 ? webhook : undefined;
      });
      assert.equal(
        journal.map((row) => [row.type, row.attempt]),
        [
          ['AlertDeliveryFailed', 1],
          ['AlertDeliveryFailed', 2],
          ['AlertDelivered', 3],
        ],
      );
      assert.match(JSON.stringify(journal[0]), /HTTP 503/);
      assert.is(world.receiver.refused, 2);
    } finally {
      await world.close();
    }
  });
}

test.run();
