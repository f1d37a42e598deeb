import assert from 'node:assert/strict';
import { test } from 'uvu';
import { nextAttemptDelay } from '../src/index.ts';

const backoff = { baseMs: 1_000, factor: 2, capMs: 60_000 };

test('the ceiling doubles with each attempt', () => {
  const top = () => 0.999_999;
  assert.deepEqual(
    [1, 2, 3, 4].map((attempt) => nextAttemptDelay(attempt, backoff, top)),
    [999, 1_999, 3_999, 7_999],
  );
});

test('full jitter: the wait is a random share of the ceiling', () => {
  assert.equal(
    nextAttemptDelay(3, backoff, () => 0),
    0,
  );
  assert.equal(
    nextAttemptDelay(3, backoff, () => 0.25),
    1_000,
  );
  assert.equal(
    nextAttemptDelay(3, backoff, () => 0.5),
    2_000,
  );
});

test('the ceiling never passes the cap', () => {
  assert.equal(
    nextAttemptDelay(30, backoff, () => 0.5),
    30_000,
  );
  assert.equal(
    nextAttemptDelay(7, backoff, () => 0.5),
    30_000,
  );
});

test('attempt 0 or below is treated as the first', () => {
  assert.equal(
    nextAttemptDelay(0, backoff, () => 0.5),
    500,
  );
});

test.run();
