import assert from 'node:assert/strict';
import { test } from 'uvu';
import type { AnyDomainEvent, InternetStatus, PrinterStatus } from '../src/index.ts';
import {
  connectivityMode,
  connectivityWarnings,
  initialConnectivity,
  reduceConnectivity,
} from '../src/index.ts';
import { eventLog } from './support/domain-events.ts';
import { specify } from './support/given-when-then.ts';

const { given } = specify(reduceConnectivity, initialConnectivity);
const event = eventLog();
const at = '2024-05-10T10:00:00.000Z';
const printer = (name: string, to: PrinterStatus): AnyDomainEvent =>
  event('PrinterStatusChanged', at, { printer: name, from: 'unknown', to, reason: to });
const internet = (to: InternetStatus): AnyDomainEvent =>
  event('InternetStatusChanged', at, {
    from: 'unknown',
    to,
    failedTargets: to === 'online' ? [] : ['1.1.1.1'],
  });
const modeIs = (mode: string) => (view: typeof initialConnectivity) =>
  assert.equal(connectivityMode(view), mode);

test('given nothing probed yet, then the mode is unknown', () => {
  given().then(modeIs('unknown'));
  given(printer('kitchen', 'unknown'), internet('unknown')).then(modeIs('unknown'));
});

test('given every printer printable and the internet online, then the mode is online', () => {
  given(printer('kitchen', 'online'), printer('bar', 'online'), internet('online')).then(modeIs('online'));
});

test('given a printer near its paper end, then the mode stays online and staff get a warning', () => {
  given(printer('kitchen', 'paper-near-end'), internet('online')).then((view) => {
    assert.equal(connectivityMode(view), 'online');
    assert.deepEqual(connectivityWarnings(view), ['printer:kitchen paper-near-end']);
  });
});

test('given Wix unreachable but the printers fine, then the mode is degraded', () => {
  given(printer('kitchen', 'online'), internet('degraded')).then(modeIs('degraded'));
});

test('given one printer down (off, out of paper, cover open, error), then the mode is offline', () => {
  for (const down of ['offline', 'paper-end', 'cover-open', 'error'] as const) {
    given(printer('kitchen', 'online'), printer('bar', down), internet('online')).then(modeIs('offline'));
  }
  given(printer('bar', 'offline'), internet('degraded')).then(modeIs('offline'));
});

test('given the internet offline and the printers fine, then the mode is offline', () => {
  given(printer('kitchen', 'online'), internet('offline')).then(modeIs('offline'));
});

test('given a printer down and the internet offline, then the mode is full-offline', () => {
  given(printer('kitchen', 'paper-end'), internet('offline')).then(modeIs('full-offline'));
});

test('given only one side probed, then the unprobed side does not vote', () => {
  given(internet('online')).then(modeIs('online'));
  given(printer('kitchen', 'online')).then(modeIs('online'));
  given(printer('kitchen', 'online'), printer('bar', 'unknown'), internet('offline')).then(modeIs('offline'));
});

test('given a printer recovering, when it comes back, then the mode goes back to online', () => {
  given(printer('kitchen', 'offline'), internet('online'))
    .when(printer('kitchen', 'online'))
    .then(modeIs('online'));
});

test('given an open breaker, then it is a warning, not a mode', () => {
  given(
    printer('kitchen', 'online'),
    internet('online'),
    event('PrinterBreakerChanged', at, { printer: 'kitchen', from: 'closed', to: 'open' }),
  ).then((view) => {
    assert.equal(connectivityMode(view), 'online');
    assert.deepEqual(connectivityWarnings(view), ['printer:kitchen breaker open']);
  });
});

test.run();
