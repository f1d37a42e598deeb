import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { internetStatusChangedEvent, printerStatusChangedEvent } from '../src/index.ts';

test('a believed printer change is filed in that printer stream under the given id', () => {
  const event = printerStatusChangedEvent(
    { printer: 'kitchen', from: 'online', to: 'offline', reason: 'refused', latencyMs: 12 },
    'evt-1',
  );

  assert.equal(event, {
    id: 'evt-1',
    stream: 'printer-kitchen',
    type: 'PrinterStatusChanged',
    data: { printer: 'kitchen', from: 'online', to: 'offline', reason: 'refused', latencyMs: 12 },
  });
});

test('a believed internet change is filed in the internet stream with its own copy of the failed targets', () => {
  const failedTargets = ['127.0.0.1:53'];
  const event = internetStatusChangedEvent({ from: 'online', to: 'offline', failedTargets }, 'evt-2');

  assert.equal(event, {
    id: 'evt-2',
    stream: 'internet',
    type: 'InternetStatusChanged',
    data: { from: 'online', to: 'offline', failedTargets: ['127.0.0.1:53'] },
  });
  assert.is.not(event.data.failedTargets, failedTargets);
});

test.run();
