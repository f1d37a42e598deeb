import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { makeWixOrder, startFakeWixApi, wixOrderFixtures } from '../src/index.ts';

const auth = { authorization: 'key-1', 'wix-site-id': 'site-1', 'content-type': 'application/json' };

test('answers a known order by id only with the right key and site', async () => {
  const api = await startFakeWixApi({ orders: [wixOrderFixtures.pickup], apiKey: 'key-1', siteId: 'site-1' });
  try {
    const ok = await fetch(`${api.baseUrl}/ecom/v1/orders/${wixOrderFixtures.pickup.id}`, { headers: auth });
    assert.is(ok.status, 200);
    assert.is(((await ok.json()) as { order: { id: string } }).order.id, wixOrderFixtures.pickup.id);
    const bearer = await fetch(`${api.baseUrl}/ecom/v1/orders/${wixOrderFixtures.pickup.id}`, {
      headers: { ...auth, authorization: 'Bearer key-1' },
    });
    assert.is(bearer.status, 401);
  } finally {
    await api.close();
  }
});

test('search filters by createdDate, sorts ascending and pages with cursors', async () => {
  const orders = [3, 1, 2, 0].map((minute) =>
    makeWixOrder({ createdDate: `2025-03-14T18:0${minute}:00.000Z` }),
  );
  const api = await startFakeWixApi({ orders, apiKey: 'key-1', siteId: 'site-1' });
  const search = async (search: unknown) => {
    const response = await fetch(`${api.baseUrl}/ecom/v1/orders/search`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ search }),
    });
    return (await response.json()) as {
      orders: { createdDate: string }[];
      metadata: { cursors: { next: string | null } };
    };
  };
  try {
    const first = await search({
      filter: { createdDate: { $gte: '2025-03-14T18:01:00.000Z' } },
      sort: [{ fieldName: 'createdDate', order: 'ASC' }],
      cursorPaging: { limit: 2 },
    });
    assert.equal(
      first.orders.map((order) => order.createdDate),
      ['2025-03-14T18:01:00.000Z', '2025-03-14T18:02:00.000Z'],
    );
    const second = await search({ cursorPaging: { limit: 2, cursor: first.metadata.cursors.next } });
    assert.equal(
      second.orders.map((order) => order.createdDate),
      ['2025-03-14T18:03:00.000Z'],
    );
    assert.is(second.metadata.cursors.next, null);
  } finally {
    await api.close();
  }
});

test('a fault with a count heals itself after that many requests', async () => {
  const api = await startFakeWixApi({ orders: [wixOrderFixtures.pickup], apiKey: 'key-1', siteId: 'site-1' });
  try {
    api.setFault('error-500', { times: 1 });
    const url = `${api.baseUrl}/ecom/v1/orders/${wixOrderFixtures.pickup.id}`;
    assert.is((await fetch(url, { headers: auth })).status, 500);
    assert.is((await fetch(url, { headers: auth })).status, 200);
    assert.equal(
      api.requests.map((request) => request.fault),
      ['error-500', 'none'],
    );
  } finally {
    await api.close();
  }
});

test.run();
