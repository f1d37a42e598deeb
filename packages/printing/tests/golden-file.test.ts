import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { matchGolden } from './fixtures/golden-file.ts';

const ticket = 'KITCHEN\n2 x Margherita\n';

/** The failure a check reports (uvu's `throws` re-raises assertion errors instead of matching them). */
function failureOf(check: () => void): string {
  try {
    check();
  } catch (error) {
    return (error as Error).message;
  }
  return 'passed';
}

function goldenIn(): string {
  return join(mkdtempSync(join(tmpdir(), 'bonrelay-golden-')), 'kitchen.golden.txt');
}

test('given no golden file, when a ticket is checked, then it fails and writes nothing', () => {
  const file = goldenIn();
  assert.match(
    failureOf(() => matchGolden(file, ticket, false)),
    /is missing; UPDATE_GOLDEN=1/,
  );
  assert.not.ok(existsSync(file), 'a missing golden is not blessed from the output');
});

test('given no golden file, when updating, then the ticket becomes the golden file', () => {
  const file = goldenIn();
  matchGolden(file, ticket, true);
  assert.is(readFileSync(file, 'utf8'), ticket);
});

test('given a golden file that differs, when a ticket is checked, then it fails and keeps the file', () => {
  const file = goldenIn();
  writeFileSync(file, 'KITCHEN\n1 x Margherita\n');
  assert.match(
    failureOf(() => matchGolden(file, ticket, false)),
    /differs/,
  );
  assert.is(readFileSync(file, 'utf8'), 'KITCHEN\n1 x Margherita\n');
});

test('given the same ticket as its golden file, when checked, then it passes', () => {
  const file = goldenIn();
  writeFileSync(file, ticket);
  matchGolden(file, ticket, false);
});

test.run();
