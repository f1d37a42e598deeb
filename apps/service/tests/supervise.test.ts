import { VirtualTimeScheduler } from 'rxjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { supervise } from '../src/supervise.ts';

/** A part that records its life and hands its `fail` out, so a spec can make it fail. */
function parts() {
  const life: string[] = [];
  let started = 0;
  const fails: ((error: unknown) => void)[] = [];
  const start = (fail: (error: unknown) => void) => {
    started += 1;
    const n = started;
    fails.push(fail);
    life.push(`start ${n}`);
    return { n, stop: () => life.push(`stop ${n}`) };
  };
  return { life, fails, start };
}

test('given a part that fails, it is stopped once its callback unwound and a fresh one starts after the pause', () => {
  const scheduler = new VirtualTimeScheduler();
  const errors: unknown[] = [];
  const { life, fails, start } = parts();
  const supervisor = supervise(start, { scheduler, restartAfterMs: 1_000, onError: (e) => errors.push(e) });
  fails[0]?.('disk full');
  fails[0]?.('disk full again');
  assert.is(supervisor.current(), undefined, 'a failed part is no longer current');
  assert.equal(life, ['start 1']);
  scheduler.flush();
  assert.equal(life, ['start 1', 'stop 1', 'start 2']);
  assert.is(supervisor.current()?.n, 2);
  assert.equal(errors, ['disk full', 'disk full again'], 'every failure is told');
  assert.is(scheduler.now(), 1_000);
});

test('given a part that fails while it starts, it still restarts; stopping meanwhile ends it for good', async () => {
  const scheduler = new VirtualTimeScheduler();
  const life: string[] = [];
  let attempts = 0;
  const supervisor = supervise(
    (fail) => {
      attempts += 1;
      life.push(`start ${attempts}`);
      if (attempts === 1) fail('log unreadable');
      return { stop: () => life.push(`stop ${attempts}`) };
    },
    { scheduler, restartAfterMs: 500, onError: () => undefined },
  );
  assert.is(supervisor.current(), undefined);
  scheduler.flush();
  assert.equal(life, ['start 1', 'stop 1', 'start 2']);

  const second = parts();
  const stopped = supervise(second.start, { scheduler, restartAfterMs: 500, onError: () => undefined });
  second.fails[0]?.('disk full');
  await stopped.stop();
  scheduler.flush();
  assert.is(stopped.current(), undefined, 'no part starts after stop');
  assert.equal(second.life, ['start 1', 'stop 1'], 'the failed part is stopped all the same');
});

test.run();
