import { connectivityMode, connectivityWarnings } from '@bonrelay/domain';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { connectivityView, rebuildViews } from '../src/index.ts';
import { at, breaker, failed, givenEvening, internet, printed, printer } from './given-evening.ts';

test('given nothing heard yet, then there are no printers, the internet is unknown and so is the mode', () => {
  const { queries } = givenEvening();
  assert.equal(queries.printers(), []);
  assert.is(queries.printer('kitchen'), undefined);
  assert.equal(queries.internet(), { status: 'unknown', failedTargets: [] });
  assert.is(connectivityMode(queries.status()), 'unknown');
});

test('given the kitchen printer answering, then its row is online since then; answering again later does not move "since"', () => {
  const { queries, when } = givenEvening();
  when('17:00', printer('kitchen', 'online', 'status reply', 12));
  when('17:05', printer('kitchen', 'online', 'status reply', 30));
  assert.equal(queries.printers(), [
    {
      printer: 'kitchen',
      status: 'online',
      since: at('17:00'),
      reason: 'status reply',
      latencyMs: 30,
      breaker: 'closed',
    },
  ]);
  when('17:06', printer('kitchen', 'offline', 'connection refused'));
  const row = queries.printer('kitchen');
  assert.is(row?.since, at('17:06'));
  assert.is(row?.latencyMs, undefined, 'the stale latency is gone');
});

test('given a breaker opening and failed prints, then the saga finds its counters in the printer’s row', () => {
  const { queries, when } = givenEvening();
  when('17:00', printer('kitchen', 'online'));
  when('17:10', failed('o1/kitchen', 'kitchen', 'refused'), failed('o1/kitchen', 'kitchen', 'timeout'));
  when('17:11', breaker('kitchen', 'closed', 'open'), failed('o2/kitchen', 'kitchen', 'paper-end'));
  assert.equal(queries.printer('kitchen'), {
    printer: 'kitchen',
    status: 'online',
    since: at('17:00'),
    reason: 'online',
    breaker: 'open',
    breakerSince: at('17:11'),
    breakerChanges: 1,
    consecutiveFailures: 2,
    pausedBy: 'paper-end',
  });
  when('17:12', breaker('kitchen', 'open', 'half-open'), printed('o1/kitchen', 'kitchen'));
  const row = queries.printer('kitchen');
  assert.is(row?.breakerChanges, 2);
  assert.is(row?.consecutiveFailures, 0);
  assert.is(row?.pausedBy, undefined);
  assert.equal(connectivityWarnings(queries.status()), ['printer:kitchen breaker half-open']);
});

test('given printers and the internet, then status() is what the mode and the warnings read', () => {
  const { queries, when } = givenEvening();
  when('17:00', printer('kitchen', 'online'), printer('bar', 'paper-near-end'), internet('online'));
  assert.is(connectivityMode(queries.status()), 'online');
  assert.equal(connectivityWarnings(queries.status()), ['printer:bar paper-near-end']);
  when('17:45', internet('degraded', ['www.wixapis.com']));
  assert.is(connectivityMode(queries.status()), 'degraded');
  when('17:50', printer('kitchen', 'paper-end'), internet('offline', ['1.1.1.1']));
  assert.is(connectivityMode(queries.status()), 'full-offline');
  assert.equal(queries.internet(), { status: 'offline', since: at('17:50'), failedTargets: ['1.1.1.1'] });
  when('17:55', internet('offline', ['1.1.1.1', '8.8.8.8']));
  assert.equal(queries.internet(), {
    status: 'offline',
    since: at('17:50'),
    failedTargets: ['1.1.1.1', '8.8.8.8'],
  });
  assert.equal(Object.keys(queries.status().printers), ['bar', 'kitchen']);
});

test('given the same evening written event by event or replayed in one go, then the rows are identical', () => {
  const evening = (maxBatch?: number) => {
    const given = givenEvening(maxBatch === undefined ? {} : { maxBatch });
    given.when('17:00', printer('kitchen', 'online', 'ok', 5), internet('online'));
    given.when('17:10', failed('o1/kitchen', 'kitchen', 'refused'), breaker('kitchen', 'closed', 'open'));
    given.when('17:11', printer('kitchen', 'offline'), printer('kitchen', 'offline'), internet('degraded'));
    given.when('17:12', printed('o1/kitchen', 'kitchen'), printer('kitchen', 'online'), internet('online'));
    return given;
  };
  const rows = (given: ReturnType<typeof givenEvening>) => ({
    printers: given.store.connection.prepare('SELECT * FROM printers ORDER BY printer').all(),
    internet: given.store.connection.prepare('SELECT * FROM internet').all(),
  });
  const batched = evening();
  const single = evening(1);
  assert.equal(rows(single), rows(batched));
  rebuildViews(batched.store, batched.connection, [connectivityView], { pageSize: 3 });
  assert.equal(rows(batched), rows(single));
  assert.is(batched.queries.printer('kitchen')?.since, at('17:12'));
});

test.run();
