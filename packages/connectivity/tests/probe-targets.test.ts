import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  defaultInternetProbeTargets,
  formatProbeTarget,
  ProbeTargetError,
  parseProbeTargets,
} from '../src/index.ts';

test('a comma-separated list becomes targets, spaces around entries forgiven', () => {
  assert.equal(parseProbeTargets('127.0.0.1:53, localhost:9100'), [
    { host: '127.0.0.1', port: 53 },
    { host: 'localhost', port: 9100 },
  ]);
});

test('IPv6 addresses are written in brackets and read back without them', () => {
  const targets = parseProbeTargets('[::1]:53');
  assert.equal(targets, [{ host: '::1', port: 53 }]);
  assert.is(formatProbeTarget(targets[0]!), '[::1]:53');
  assert.is(formatProbeTarget({ host: '127.0.0.1', port: 53 }), '127.0.0.1:53');
});

test('the default targets are three public resolvers on port 53 (parsed here, never contacted)', () => {
  const targets = parseProbeTargets(defaultInternetProbeTargets);
  assert.is(targets.length, 3);
  assert.ok(targets.every((target) => target.port === 53));
});

test('each bad entry is refused with a typed error naming the entry and the problem', () => {
  const cases: [string, string, RegExp][] = [
    ['', '', /no targets/],
    ['127.0.0.1:53,,127.0.0.1:54', '', /empty entry/],
    ['127.0.0.1', '127.0.0.1', /missing port/],
    ['[::1]', '[::1]', /missing port/],
    [':53', ':53', /missing host/],
    ['my host:53', 'my host:53', /spaces/],
    ['127.0.0.1:dns', '127.0.0.1:dns', /1 to 65535/],
    ['127.0.0.1:0', '127.0.0.1:0', /1 to 65535/],
    ['127.0.0.1:65536', '127.0.0.1:65536', /1 to 65535/],
    ['::1:53', '::1:53', /needs brackets/],
    ['[::1:53', '[::1:53', /\[address\]:port/],
  ];
  for (const [list, entry, problem] of cases) {
    try {
      parseProbeTargets(list);
      assert.unreachable(`accepted ${list}`);
    } catch (error) {
      assert.instance(error, ProbeTargetError, list);
      const refusal = error as ProbeTargetError;
      assert.is(refusal.entry, entry, list);
      assert.match(refusal.problem, problem, list);
      assert.match(refusal.message, entry, list);
      assert.is(refusal.name, 'ProbeTargetError');
    }
  }
});

test.run();
