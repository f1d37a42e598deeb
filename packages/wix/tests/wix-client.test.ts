import { type FakeWixApi, makeWixOrder, startFakeWixApi, wixOrderFixtures } from '@bonrelay/wix-fake';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createWixClient, type WixClientOptions, WixRequestError } from '../src/index.ts';

const credentials = { apiKey: 'api-key-1', siteId: 'site-1' };

async function withFake(
  orders: Parameters<typeof startFakeWixApi>[0]['orders'],
  run: (api: FakeWixApi, options: WixClientOptions) => Promise<void>,
): Promise<void> {
  const api = await startFakeWixApi({ orders, host: '127.0.0.1', port: 0, ...credentials });
  try {
    await run(api, { baseUrl: api.baseUrl, ...credentials, timeoutMs: 1000, retries: 2, retryDelayMs: 1 });
  } finally {
    await api.close();
  }
}

async function collect(pages: AsyncIterable<unknown[]>): Promise<unknown[][]> {
  const all: unknown[][] = [];
  for await (const page of pages) all.push(page);
  return all;
}

test('given an order in Wix, getOrder returns it, asking with the API key (no Bearer) and site id', async () => {
  await withFake([wixOrderFixtures.pickup], async (api, options) => {
    const result = await createWixClient(options).getOrder(wixOrderFixtures.pickup.id);
    assert.equal(result, { ok: true, value: wixOrderFixtures.pickup });
    assert.is(api.requests[0]?.headers.authorization, 'api-key-1');
    assert.is(api.requests[0]?.headers['wix-site-id'], 'site-1');
  });
});

test('given 7 orders since the outage and pages of 3, the search walks 3 pages in creation order', async () => {
  const since = '2025-03-14T18:00:00.000Z';
  const before = makeWixOrder({ createdDate: '2025-03-14T17:59:59.000Z' });
  const after = [6, 2, 4, 0, 1, 5, 3].map((minute) =>
    makeWixOrder({ createdDate: `2025-03-14T18:0${minute}:00.000Z` }),
  );
  await withFake([before, ...after], async (api, options) => {
    const pages = await collect(createWixClient({ ...options, pageSize: 3 }).searchOrdersCreatedSince(since));
    assert.equal(
      pages.map((page) => page.length),
      [3, 3, 1],
    );
    const created = pages.flat().map((order) => (order as { createdDate: string }).createdDate);
    assert.equal(created, [...created].sort());
    assert.not.ok(created.includes(before.createdDate));
    assert.equal(api.requests[0]?.body, {
      search: {
        filter: { createdDate: { $gte: since } },
        sort: [{ fieldName: 'createdDate', order: 'ASC' }],
        cursorPaging: { limit: 3 },
      },
    });
    const second = api.requests[1]?.body as { search: { cursorPaging: { cursor?: string } } };
    assert.equal(Object.keys(second.search), ['cursorPaging']);
    assert.type(second.search.cursorPaging.cursor, 'string');
  });
});

test('given no orders since then, the search yields no pages', async () => {
  await withFake([], async (_api, options) => {
    assert.equal(
      await collect(createWixClient(options).searchOrdersCreatedSince('2025-01-01T00:00:00Z')),
      [],
    );
  });
});

test('given a slow answer, the attempt times out and the retry succeeds', async () => {
  await withFake([wixOrderFixtures.delivery], async (api, options) => {
    api.setFault('slow', { times: 1, delayMs: 2000 });
    const result = await createWixClient({ ...options, timeoutMs: 100 }).getOrder(
      wixOrderFixtures.delivery.id,
    );
    assert.ok(result.ok);
    assert.equal(
      api.requests.map((request) => request.fault),
      ['slow', 'none'],
    );
  });
});

test('given Wix stays slow, the result is a typed timeout after every retry', async () => {
  await withFake([wixOrderFixtures.delivery], async (api, options) => {
    api.setFault('slow', { delayMs: 2000 });
    const result = await createWixClient({ ...options, timeoutMs: 50, retries: 1 }).getOrder(
      wixOrderFixtures.delivery.id,
    );
    assert.equal(result, { ok: false, kind: 'timeout', detail: 'no answer within 50 ms' });
    assert.is(api.requests.length, 2);
  });
});

test('given a 500 then success, the retry returns the order', async () => {
  await withFake([wixOrderFixtures.pickup], async (api, options) => {
    api.setFault('error-500', { times: 1 });
    assert.ok((await createWixClient(options).getOrder(wixOrderFixtures.pickup.id)).ok);
    assert.is(api.requests.length, 2);
  });
});

test('given a revoked key, the result is a typed 401 without retries', async () => {
  await withFake([wixOrderFixtures.pickup], async (api, options) => {
    api.setFault('unauthorized');
    const result = await createWixClient(options).getOrder(wixOrderFixtures.pickup.id);
    assert.is(result.ok, false);
    if (!result.ok) assert.equal([result.kind, result.status], ['http', 401]);
    assert.is(api.requests.length, 1);
  });
});

test('given a search that keeps failing, iteration throws a WixRequestError carrying the failure', async () => {
  await withFake([], async (api, options) => {
    api.setFault('error-500');
    try {
      await collect(createWixClient(options).searchOrdersCreatedSince('2025-01-01T00:00:00Z'));
      assert.unreachable('the search should have failed');
    } catch (error) {
      assert.instance(error, WixRequestError);
      assert.equal((error as WixRequestError).failure, {
        ok: false,
        kind: 'http',
        status: 500,
        detail: '{"message":"internal error","details":{}}',
      });
    }
    assert.is(api.requests.length, 3);
  });
});

test('given nothing listening, the result is a typed network failure', async () => {
  const api = await startFakeWixApi(credentials);
  const baseUrl = api.baseUrl;
  await api.close();
  const result = await createWixClient({
    baseUrl,
    ...credentials,
    timeoutMs: 500,
    retries: 0,
    retryDelayMs: 0,
  }).getOrder('x');
  assert.is(result.ok, false);
  if (!result.ok) assert.is(result.kind, 'network');
});

function fakeFetch(answers: string[]): typeof fetch {
  return async () => new Response(answers.shift() ?? '{}', { status: 200 });
}

test('answers that are not what Wix promises are typed bad responses', async () => {
  const options = {
    baseUrl: 'http://127.0.0.1:9/',
    ...credentials,
    timeoutMs: 100,
    retries: 0,
    retryDelayMs: 0,
  };
  const kindOf = async (answers: string[]) => {
    const result = await createWixClient({ ...options, fetch: fakeFetch(answers) }).getOrder('x');
    return result.ok ? 'ok' : result.kind;
  };
  assert.is(await kindOf(['not json']), 'bad-response');
  assert.is(await kindOf(['[1,2]']), 'bad-response');
  assert.is(await kindOf(['{"nothing":1}']), 'bad-response');

  const searchFailure = async (answers: string[]) => {
    try {
      await collect(createWixClient({ ...options, fetch: fakeFetch(answers) }).searchOrdersCreatedSince('x'));
      return 'ok';
    } catch (error) {
      return (error as WixRequestError).failure.detail;
    }
  };
  assert.is(await searchFailure(['{"orders":"none"}']), 'the answer has no orders');
  const looping = '{"orders":[{"id":"a"}],"pagingMetadata":{"cursors":{"next":"same"}}}';
  assert.is(await searchFailure([looping, looping, looping]), 'Wix repeated a page cursor');
});

test.run();
