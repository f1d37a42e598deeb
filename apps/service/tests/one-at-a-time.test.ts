import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { oneAtATime } from '../src/one-at-a-time.ts';

test('given inputs that arrive while one is handled, each waits its turn; takeFirst goes ahead of the rest', () => {
  const handled: string[] = [];
  const turns = oneAtATime<string>(
    (input) => {
      handled.push(input);
      if (input === 'order') {
        turns.take('echo of the order');
        turns.takeFirst('append answered');
        assert.is(turns.waiting(), 2);
      }
    },
    () => assert.unreachable('nothing throws'),
  );
  turns.take('order');
  assert.equal(handled, ['order', 'append answered', 'echo of the order']);
  assert.is(turns.waiting(), 0);
});

test('given a bare "look again" (undefined), it is handled like any input', () => {
  let looks = 0;
  const turns = oneAtATime<void>(
    () => {
      looks += 1;
      if (looks === 1) turns.take();
    },
    () => assert.unreachable('nothing throws'),
  );
  turns.take();
  assert.is(looks, 2);
});

test('given a handler that throws, the error is told and what waited is dropped', () => {
  const errors: unknown[] = [];
  const handled: number[] = [];
  const turns = oneAtATime<number>(
    (input) => {
      handled.push(input);
      if (input === 1) {
        turns.take(2);
        throw new Error('disk full');
      }
    },
    (error) => errors.push(error),
  );
  turns.take(1);
  assert.equal(handled, [1]);
  assert.is(errors.length, 1);
  turns.take(3);
  assert.equal(handled, [1, 3], 'the next input is handled again');
});

test.run();
