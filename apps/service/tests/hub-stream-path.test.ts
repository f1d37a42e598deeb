import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventDataByType } from '@bonrelay/domain';
import { type EventStore, openEventStore } from '@bonrelay/event-store';
import { VirtualTimeScheduler } from 'rxjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { judgeHubStream } from '../src/webhook-path/hub-stream-path.ts';
import { watchWebhookPath } from '../src/webhook-path/webhook-path-watch.ts';

const t0 = Date.parse('2026-11-27T19:00:00Z');
const graceMs = 120_000;

/** A hub-fed site's path judge on virtual time, over a real log in a temp dir. */
function site(file = join(mkdtempSync(join(tmpdir(), 'bonrelay-hub-stream-')), 'log.db')) {
  const scheduler = new VirtualTimeScheduler();
  const clock = () => new Date(t0 + scheduler.now());
  const store: EventStore = openEventStore({ file, clock });
  const path = watchWebhookPath({ store, clock, graceMs });
  const stream = judgeHubStream({ path, scheduler, clock, graceMs });
  return {
    file,
    store,
    path,
    stream,
    advanceTo(ms: number) {
      scheduler.maxFrames = ms;
      scheduler.flush();
      scheduler.frame = ms;
    },
    gaps: () =>
      store
        .read({ types: ['WebhookDeliveryGap'] })
        .map((event) => event.data as EventDataByType['WebhookDeliveryGap']),
    restored: () => store.read({ types: ['WebhookDeliveryRestored'] }).length,
    close() {
      stream.stop();
      path.stop();
      store.close();
    },
  };
}

test('given the hub stream drops for less than the grace, then no gap', () => {
  const box = site();
  box.stream.streamChanged('connected');
  box.advanceTo(10_000);
  box.stream.streamChanged('unreachable');
  box.advanceTo(60_000);
  box.stream.streamChanged('unreachable');
  box.advanceTo(100_000);
  box.stream.streamChanged('connected');
  box.advanceTo(500_000);
  assert.equal(box.gaps(), []);
  box.close();
});

test('given no direct webhook lately, when the stream stays down for the grace, then one gap naming the hub; the stream back ends it', () => {
  const box = site();
  box.path.webhookArrived('o1', 'webhook');
  box.advanceTo(200_000);
  box.stream.streamChanged('unreachable');
  box.advanceTo(200_000 + graceMs - 1);
  assert.equal(box.gaps(), [], 'not before the grace is over');
  box.advanceTo(200_000 + graceMs);
  assert.equal(box.gaps(), [
    {
      orders: 0,
      lastWebhookAt: new Date(t0).toISOString(),
      detectedAt: new Date(t0 + 200_000 + graceMs).toISOString(),
      cause: 'hub-unreachable',
      hubDownSince: new Date(t0 + 200_000).toISOString(),
    },
  ]);
  assert.is(box.path.state().status, 'gap');
  box.stream.streamChanged('refused');
  box.advanceTo(900_000);
  assert.is(box.gaps().length, 1, 'one gap for one outage');
  box.stream.streamChanged('connected');
  assert.is(box.restored(), 1);
  assert.is(box.path.state().status, 'ok');
  box.close();
});

test('given a direct webhook within the grace before the hub dropped, then the hub being down is no gap', () => {
  const box = site();
  box.advanceTo(100_000);
  box.path.webhookArrived('o1', 'webhook');
  box.advanceTo(150_000);
  box.stream.streamChanged('unreachable');
  box.advanceTo(150_000 + graceMs * 3);
  assert.equal(box.gaps(), []);
  box.close();
});

test('given an order only by the hub stream before, then it does not count as a direct webhook', () => {
  const box = site();
  box.advanceTo(100_000);
  box.path.webhookArrived('o1', 'hub');
  box.stream.streamChanged('unreachable');
  box.advanceTo(100_000 + graceMs);
  assert.is(box.gaps()[0]?.cause, 'hub-unreachable');
  box.close();
});

test('given a hub gap open at a restart, when the stream answers at once, then the gap ends', () => {
  const first = site();
  first.stream.streamChanged('unreachable');
  first.advanceTo(graceMs);
  assert.is(first.gaps().length, 1);
  first.close();
  const again = site(first.file);
  assert.is(again.path.state().status, 'gap', 'read back from the log');
  again.stream.streamChanged('starting');
  again.stream.streamChanged('connected');
  assert.is(again.restored(), 1);
  assert.is(again.path.state().status, 'ok');
  again.close();
});

test.run();
