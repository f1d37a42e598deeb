import { makeWixOrder, startFakeWixApi } from '@bonrelay/wix-fake';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createWixClient, tokenIssuedAt } from '../src/index.ts';

const credentials = { apiKey: 'api-key-1', siteId: 'site-1' };

test('given orders changed before and after a moment, searchOrdersUpdatedSince walks those changed since, oldest change first, and reports Wix time', async () => {
  const wixNow = new Date('2026-11-30T20:00:00.000Z');
  const created = '2026-11-30T18:00:00.000Z';
  const cancelledLater = makeWixOrder({
    createdDate: created,
    updatedDate: '2026-11-30T19:30:00.000Z',
  } as never);
  const newer = makeWixOrder({
    createdDate: '2026-11-30T19:10:00.000Z',
    updatedDate: '2026-11-30T19:10:00.000Z',
  } as never);
  const untouched = makeWixOrder({ createdDate: created, updatedDate: created } as never);
  const api = await startFakeWixApi({
    ...credentials,
    orders: [cancelledLater, untouched, newer],
    clock: () => wixNow,
  });
  try {
    const dates: Date[] = [];
    const client = createWixClient({
      baseUrl: api.baseUrl,
      ...credentials,
      timeoutMs: 1000,
      retries: 0,
      retryDelayMs: 1,
      pageSize: 1,
      onServerDate: (date) => dates.push(date),
    });
    const ids: string[] = [];
    for await (const page of client.searchOrdersUpdatedSince('2026-11-30T19:00:00.000Z')) {
      ids.push(...page.map((order) => (order as { id: string }).id));
    }
    assert.equal(ids, [newer.id, cancelledLater.id]);
    const first = api.requests[0]?.body as { search: { filter: unknown; sort: unknown } };
    assert.equal(first.search.filter, { updatedDate: { $gte: '2026-11-30T19:00:00.000Z' } });
    assert.equal(first.search.sort, [{ fieldName: 'updatedDate', order: 'ASC' }]);
    assert.ok(dates.length >= 2 && dates.every((date) => date.getTime() === wixNow.getTime()));
  } finally {
    await api.close();
  }
});

test('tokenIssuedAt reads iat in milliseconds, and nothing from what is not a JWT', () => {
  const payload = Buffer.from(JSON.stringify({ iat: 1_700_000_000 })).toString('base64url');
  assert.equal(tokenIssuedAt(`e30.${payload}.sig`), new Date(1_700_000_000_000));
  assert.is(tokenIssuedAt('not a token'), undefined);
  assert.is(tokenIssuedAt(`e30.${Buffer.from('{}').toString('base64url')}.sig`), undefined);
});

test.run();
