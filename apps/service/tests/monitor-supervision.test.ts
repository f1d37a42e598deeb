import type { EventToAppend } from '@bonrelay/domain';
import { VirtualTimeScheduler } from 'rxjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { superviseMonitor } from '../src/monitors/supervise-monitor.ts';

const change = {
  id: 'c1',
  stream: 'printer-kitchen',
  type: 'ServiceStopped',
  data: { reason: 'x' },
} as EventToAppend;

test('given a monitor whose record the log refuses, it is stopped and started afresh after the delay', () => {
  const scheduler = new VirtualTimeScheduler();
  const started: number[] = [];
  const stopped: number[] = [];
  const errors: unknown[] = [];
  let diskFull = true;
  const recorded: EventToAppend[][] = [];
  let emit: ((events: EventToAppend[]) => void) | undefined;
  const monitor = superviseMonitor(
    (append) => {
      const generation = started.length;
      started.push(scheduler.now());
      emit = append;
      return { checkNow: () => append([change]), stop: () => stopped.push(generation) };
    },
    {
      scheduler,
      restartAfterMs: 1_000,
      append: (events) => {
        if (diskFull) throw new Error('disk full');
        recorded.push(events);
      },
      onError: (error) => errors.push(error),
    },
  );
  emit?.([change]);
  assert.is(errors.length, 1);
  scheduler.flush();
  assert.equal(stopped, [0]);
  assert.equal(started, [0, 1_000]);
  diskFull = false;
  monitor.checkNow();
  assert.is(recorded.length, 1);
  monitor.stop();
  assert.equal(stopped, [0, 1]);
});

test('a monitor stopped while a restart is pending does not come back', () => {
  const scheduler = new VirtualTimeScheduler();
  let starts = 0;
  let emit: ((events: EventToAppend[]) => void) | undefined;
  const monitor = superviseMonitor(
    (append) => {
      starts++;
      emit = append;
      return { checkNow: () => undefined, stop: () => undefined };
    },
    {
      scheduler,
      restartAfterMs: 1_000,
      append: () => {
        throw new Error('disk full');
      },
      onError: () => undefined,
    },
  );
  emit?.([change]);
  monitor.stop();
  scheduler.flush();
  assert.is(starts, 1);
});

test.run();
