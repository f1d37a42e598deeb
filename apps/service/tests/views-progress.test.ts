import type { ViewProjector } from '@bonrelay/views';
import pino from 'pino';
import { BehaviorSubject, VirtualTimeScheduler } from 'rxjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { logViewsProgress, viewsHealth } from '../src/projections/views-progress.ts';

/** A projector standing still at `position` of `target`, moved by hand. */
function projectorAt(position: number, target: number, rebuilding: string[] = []) {
  const committed = new BehaviorSubject(position);
  let caughtUp: () => void = () => undefined;
  const projector: ViewProjector = {
    position: () => committed.value,
    committed$: committed.asObservable(),
    caughtUp: new Promise<void>((resolve) => {
      caughtUp = resolve;
    }),
    progress: () => ({ position: committed.value, target }),
    rebuilding,
    flush: () => undefined,
    stop: () => committed.complete(),
  };
  const move = (to: number) => {
    committed.next(to);
    if (to >= target) caughtUp();
  };
  return { projector, move };
}

test('given views behind the log, /health says how far they have come, and whether they rebuild', () => {
  assert.is(viewsHealth(projectorAt(50, 200).projector), 'catching up 25 %');
  assert.is(viewsHealth(projectorAt(50, 200, ['orders']).projector), 'rebuilding 25 %');
  assert.is(viewsHealth(projectorAt(200, 200).projector), 'current');
  assert.is(viewsHealth(projectorAt(0, 0).projector), 'current');
});

test('given a rebuild over a long log, progress is logged at most once per interval, then "current"', async () => {
  const lines: { msg: string; views?: unknown }[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  const scheduler = new VirtualTimeScheduler();
  const { projector, move } = projectorAt(0, 1_000, ['orders']);
  const subscription = logViewsProgress(projector, logger, scheduler, 1_000);
  for (let position = 100; position < 1_000; position += 100) move(position);
  scheduler.flush();
  move(1_000);
  await projector.caughtUp;
  subscription.unsubscribe();
  assert.equal(
    lines.map((line) => line.msg),
    ['view versions changed: rebuilding them from the log', 'views catching up', 'views are current'],
  );
  assert.is(lines[1]?.views, 'rebuilding 90 %');
});

test.run();
