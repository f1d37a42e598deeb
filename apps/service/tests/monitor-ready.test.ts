import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startWhenReady } from '../src/monitors/start-when-ready.ts';

function deferred() {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

test('given views still reading the log, a monitor starts only once they have caught up', async () => {
  const views = deferred();
  const calls: string[] = [];
  const monitor = startWhenReady(views.promise, () => {
    calls.push('start');
    return { checkNow: () => calls.push('check'), stop: () => calls.push('stop') };
  });
  monitor.checkNow();
  await Promise.resolve();
  assert.equal(calls, [], 'nothing probes against tables that lag the log');
  views.resolve();
  await views.promise;
  monitor.checkNow();
  monitor.stop();
  assert.equal(calls, ['start', 'check', 'stop']);
});

test('a monitor stopped before the views caught up never starts', async () => {
  const views = deferred();
  let starts = 0;
  const monitor = startWhenReady(views.promise, () => {
    starts++;
    return { checkNow: () => undefined, stop: () => undefined };
  });
  monitor.stop();
  views.resolve();
  await views.promise;
  await Promise.resolve();
  assert.is(starts, 0);
});

test.run();
