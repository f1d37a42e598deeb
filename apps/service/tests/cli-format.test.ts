import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseArguments, textOption, timeOption } from '../src/cli/args.ts';
import { formatDuration, formatTable } from '../src/cli/format.ts';

test('given durations, then a manager reads them without arithmetic, and a short outage is not shown as 0s', () => {
  assert.is(formatDuration(0), '0s');
  assert.is(formatDuration(167), '0.2s');
  assert.is(formatDuration(9_440), '9.4s');
  assert.is(formatDuration(12_400), '12s');
  assert.is(formatDuration(125_000), '2m 05s');
  assert.is(formatDuration(3_723_000), '1h 02m 03s');
});

test('given rows, then columns line up under the header; no rows says (none)', () => {
  assert.is(formatTable(['a', 'bb'], [['xyz', '1']]), 'a    bb\n---  --\nxyz  1\n');
  assert.is(formatTable(['a'], []), 'a\n-\n(none)\n');
});

test('given argv, then words, --name value, --name=value and bare flags are told apart', () => {
  const args = parseArguments([
    'audit',
    'offline',
    '--from',
    '2026-11-27T19:40',
    '--to=2026-11-27T20:15',
    '--json',
  ]);
  assert.equal(args.words, ['audit', 'offline']);
  assert.equal(args.options, { from: '2026-11-27T19:40', to: '2026-11-27T20:15', json: true });
  assert.is(timeOption(args, 'from'), new Date('2026-11-27T19:40').toISOString());
  assert.is(textOption(args, 'missing'), undefined);
  assert.throws(() => textOption(args, 'json'), /--json needs a value/);
});

test.run();
