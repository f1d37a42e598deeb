import { BehaviorSubject, EMPTY, NEVER, Subject, throwError } from 'rxjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type PrinterProbeResult, type WatchPrinterOptions, watchPrinter } from '../src/index.ts';
import { type FakePrinter, fakePrinter, virtualTime } from './support/virtual-time.ts';

const idle = 30_000;
const fast = 2_000;

function kitchenMonitor(printer: FakePrinter, overrides: Partial<WatchPrinterOptions> = {}) {
  return (scheduler: WatchPrinterOptions['scheduler']) =>
    watchPrinter({
      printer: 'kitchen',
      probe: printer.probe,
      scheduler,
      idleIntervalMs: idle,
      fastIntervalMs: fast,
      agreeingProbes: 3,
      urgent$: NEVER,
      ...overrides,
    });
}

test('a printer first found online is reported once, after three agreeing probes at the fast pace', () => {
  const clock = virtualTime();
  const printer = fakePrinter(clock.scheduler, 'online');

  const seen = clock.run(kitchenMonitor(printer)(clock.scheduler), 70_000);

  assert.equal(seen, [
    {
      at: 4_000,
      value: { printer: 'kitchen', from: 'unknown', to: 'online', reason: 'probe', latencyMs: 0 },
    },
  ]);
  assert.equal(printer.calls, [0, 2_000, 4_000, 34_000, 64_000], 'fast while confirming, idle after');
});

test('a restart with the status from the log appends nothing, and waiting jobs do not hurry a working printer', () => {
  const clock = virtualTime();
  const printer = fakePrinter(clock.scheduler, 'online');

  const seen = clock.run(
    kitchenMonitor(printer, { initial: 'online', urgent$: new BehaviorSubject(true) })(clock.scheduler),
    100_000,
  );

  assert.equal(seen, []);
  assert.equal(printer.calls, [0, 30_000, 60_000, 90_000]);
});

test('a down printer is probed fast only while jobs are waiting for it', () => {
  const clock = virtualTime();
  const printer = fakePrinter(clock.scheduler, 'offline');
  const urgent$ = new BehaviorSubject(false);
  clock.at(45_000, () => urgent$.next(true));
  clock.at(50_000, () => urgent$.next(false));

  clock.run(kitchenMonitor(printer, { initial: 'offline', urgent$ })(clock.scheduler), 115_000);

  assert.equal(printer.calls, [0, 30_000, 47_000, 49_000, 80_000, 110_000]);
});

test('a flapping cable never reaches the log: two agreeing answers out of three are not enough', () => {
  const clock = virtualTime();
  const printer = fakePrinter(clock.scheduler, 'online');
  printer.answer = (call) => (call % 3 === 2 ? 'online' : 'offline');

  const seen = clock.run(kitchenMonitor(printer, { initial: 'online' })(clock.scheduler), 600_000);

  assert.equal(seen, []);
  assert.ok(printer.calls.length >= 30, `probed ${printer.calls.length} times`);
});

test('a printer that goes away is reported once, with the reason and latency of the confirming probe', () => {
  const clock = virtualTime();
  const printer = fakePrinter(clock.scheduler, 'online', 5);
  clock.at(45_000, () => {
    printer.status = 'offline';
  });

  const seen = clock.run(kitchenMonitor(printer, { initial: 'online' })(clock.scheduler), 300_000);

  assert.equal(seen, [
    {
      at: 64_010,
      value: { printer: 'kitchen', from: 'online', to: 'offline', reason: 'refused', latencyMs: 5 },
    },
  ]);
  assert.equal(printer.calls.slice(0, 5), [0, 30_000, 60_000, 62_005, 64_005]);
});

test('a failed print counts as one agreeing observation and hurries the next probe', () => {
  const clock = virtualTime();
  const printer = fakePrinter(clock.scheduler, 'online');
  const evidence$ = new Subject<PrinterProbeResult>();
  clock.at(9_000, () => {
    printer.status = 'offline';
  });
  clock.at(10_000, () => evidence$.next({ status: 'offline', latencyMs: 3_000, reason: 'timeout' }));

  const seen = clock.run(
    kitchenMonitor(printer, { initial: 'online', agreeingProbes: 2, evidence$ })(clock.scheduler),
    20_000,
  );

  assert.equal(seen, [
    {
      at: 12_000,
      value: { printer: 'kitchen', from: 'online', to: 'offline', reason: 'refused', latencyMs: 0 },
    },
  ]);
});

test('failed prints alone can confirm a change before the next probe is due', () => {
  const clock = virtualTime();
  const printer = fakePrinter(clock.scheduler, 'online');
  const evidence$ = new Subject<PrinterProbeResult>();
  clock.at(10_000, () => evidence$.next({ status: 'paper-end', latencyMs: 40 }));
  clock.at(11_000, () => evidence$.next({ status: 'paper-end', latencyMs: 40 }));

  const seen = clock.run(
    kitchenMonitor(printer, { initial: 'online', agreeingProbes: 2, evidence$ })(clock.scheduler),
    11_500,
  );

  assert.equal(seen, [
    {
      at: 11_000,
      value: { printer: 'kitchen', from: 'online', to: 'paper-end', reason: 'probe', latencyMs: 40 },
    },
  ]);
});

test('a slow printer is never probed twice at once: ticks during a probe are skipped', () => {
  const clock = virtualTime();
  const printer = fakePrinter(clock.scheduler, 'online', 25_000);

  clock.run(kitchenMonitor(printer, { initial: 'online', idleIntervalMs: 10_000 })(clock.scheduler), 95_000);

  assert.equal(printer.calls, [0, 30_000, 60_000, 90_000]);
  assert.is(printer.maxInFlight(), 1);
});

test('a probe that throws, errors or says nothing counts as offline with the reason', () => {
  const probes: [WatchPrinterOptions['probe'], string][] = [
    [
      () => {
        throw new Error('socket hang up');
      },
      'probe-error: socket hang up',
    ],
    [() => throwError(() => 'EHOSTUNREACH'), 'probe-error: EHOSTUNREACH'],
    [() => EMPTY, 'probe-error: probe gave no answer'],
  ];
  for (const [probe, reason] of probes) {
    const clock = virtualTime();
    const printer = fakePrinter(clock.scheduler);

    const seen = clock.run(kitchenMonitor(printer, { probe, agreeingProbes: 1 })(clock.scheduler), 1_000);

    assert.equal(seen, [
      { at: 0, value: { printer: 'kitchen', from: 'unknown', to: 'offline', reason, latencyMs: 0 } },
    ]);
  }
});

test('a probe that never answers times out as offline and does not stall the monitor', () => {
  const clock = virtualTime();
  const calls: number[] = [];
  const probe = () => {
    calls.push(clock.scheduler.now());
    return NEVER;
  };

  const seen = clock.run(
    kitchenMonitor(fakePrinter(clock.scheduler), {
      probe,
      initial: 'online',
      agreeingProbes: 1,
      probeTimeoutMs: 3_000,
    })(clock.scheduler),
    65_000,
  );

  assert.equal(seen, [
    {
      at: 3_000,
      value: { printer: 'kitchen', from: 'online', to: 'offline', reason: 'timeout', latencyMs: 3_000 },
    },
  ]);
  assert.equal(calls, [0, 30_000, 60_000]);
});

test('a check request probes at once, between the idle ticks', () => {
  const clock = virtualTime();
  const printer = fakePrinter(clock.scheduler, 'online');
  const checkNow$ = new Subject<void>();
  clock.at(12_000, () => checkNow$.next());

  clock.run(kitchenMonitor(printer, { initial: 'online', checkNow$ })(clock.scheduler), 31_000);

  assert.equal(printer.calls, [0, 12_000, 30_000]);
});

test('settings that would spin or never decide are refused at once', () => {
  const clock = virtualTime();
  const printer = fakePrinter(clock.scheduler);
  assert.throws(() => kitchenMonitor(printer, { agreeingProbes: 0 })(clock.scheduler), /agreeingProbes/);
  assert.throws(() => kitchenMonitor(printer, { agreeingProbes: 1.5 })(clock.scheduler), /positive integer/);
  assert.throws(() => kitchenMonitor(printer, { fastIntervalMs: 0 })(clock.scheduler), /fastIntervalMs/);
  assert.throws(
    () => kitchenMonitor(printer, { idleIntervalMs: Number.NaN })(clock.scheduler),
    /idleIntervalMs/,
  );
});

test.run();
