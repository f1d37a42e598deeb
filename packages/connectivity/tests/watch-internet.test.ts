import { EMPTY, map, NEVER, of, Subject, timer } from 'rxjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type ProbeTarget, type WatchInternetOptions, watchInternet } from '../src/index.ts';
import { virtualTime } from './support/virtual-time.ts';

// Loopback names only: these fakes never open a socket, but nothing here should even look like the internet.
const first: ProbeTarget = { host: '127.0.0.1', port: 1053 };
const second: ProbeTarget = { host: '::1', port: 2053 };

/** The restaurant's line as the fakes see it: which targets answer and whether Wix does. */
function line(answering: ProbeTarget[], wixAnswers = true) {
  const world = { answering, wixAnswers, wixCalls: 0, checks: [] as number[] };
  return world;
}

function monitor(
  world: ReturnType<typeof line>,
  scheduler: WatchInternetOptions['scheduler'],
  overrides: Partial<WatchInternetOptions> = {},
) {
  return watchInternet({
    targets: [first, second],
    probeTarget: (target) => {
      if (target === first) world.checks.push(scheduler.now());
      return of(world.answering.includes(target));
    },
    wixProbe: () => {
      world.wixCalls += 1;
      return of(world.wixAnswers);
    },
    scheduler,
    intervalMs: 10_000,
    agreeingProbes: 2,
    ...overrides,
  });
}

test('one answering target is enough: the internet is online, the silent one is named', () => {
  const clock = virtualTime();
  const world = line([second]);

  const seen = clock.run(monitor(world, clock.scheduler), 25_000);

  assert.equal(seen, [
    { at: 10_000, value: { from: 'unknown', to: 'online', failedTargets: ['127.0.0.1:1053'] } },
  ]);
  assert.equal(world.checks, [0, 10_000, 20_000]);
});

test('when every target falls silent the internet is offline, and Wix is not bothered', () => {
  const clock = virtualTime();
  const world = line([first, second]);
  clock.at(15_000, () => {
    world.answering = [];
  });

  const seen = clock.run(monitor(world, clock.scheduler, { initial: 'online' }), 45_000);

  assert.equal(seen, [
    { at: 30_000, value: { from: 'online', to: 'offline', failedTargets: ['127.0.0.1:1053', '[::1]:2053'] } },
  ]);
  assert.is(world.wixCalls, 2, 'asked Wix only at 0 and 10s, while the internet was up');
});

test('the internet up but Wix silent is degraded', () => {
  const clock = virtualTime();
  const world = line([first, second], false);

  const seen = clock.run(monitor(world, clock.scheduler, { initial: 'online' }), 15_000);

  assert.equal(seen, [{ at: 10_000, value: { from: 'online', to: 'degraded', failedTargets: [] } }]);
});

test('Wix answering by throwing, or not at all, also counts as degraded', () => {
  for (const wixProbe of [
    () => {
      throw new Error('502');
    },
    () => EMPTY,
    () => NEVER,
  ]) {
    const clock = virtualTime();
    const world = line([first]);

    const seen = clock.run(
      monitor(world, clock.scheduler, { wixProbe, agreeingProbes: 1, probeTimeoutMs: 2_000 }),
      5_000,
    );

    assert.equal(
      seen.map(({ value }) => value.to),
      ['degraded'],
    );
  }
});

test('without a Wix probe a working internet is simply online', () => {
  const clock = virtualTime();
  const world = line([first]);

  const seen = clock.run(monitor(world, clock.scheduler, { wixProbe: undefined, agreeingProbes: 1 }), 5_000);

  assert.equal(
    seen.map(({ value }) => value.to),
    ['online'],
  );
});

test('a target probe that throws or never answers counts as a silent target', () => {
  const clock = virtualTime();
  const probeTarget = (target: ProbeTarget) => {
    if (target === first) throw new Error('EHOSTUNREACH');
    return NEVER;
  };

  const seen = clock.run(
    monitor(line([]), clock.scheduler, { probeTarget, agreeingProbes: 1, probeTimeoutMs: 1_500 }),
    5_000,
  );

  assert.equal(seen, [
    { at: 1_500, value: { from: 'unknown', to: 'offline', failedTargets: ['127.0.0.1:1053', '[::1]:2053'] } },
  ]);
});

test('a flapping line never reaches the log', () => {
  const clock = virtualTime();
  const world = line([first, second]);
  let check = 0;
  const probeTarget = () => of(check++ % 4 < 2);

  const seen = clock.run(monitor(world, clock.scheduler, { probeTarget, initial: 'online' }), 600_000);

  assert.equal(seen, []);
});

test('a change awaiting confirmation is re-checked at the fast pace', () => {
  const clock = virtualTime();
  const world = line([]);

  const seen = clock.run(
    monitor(world, clock.scheduler, {
      initial: 'online',
      intervalMs: 60_000,
      fastIntervalMs: 5_000,
      agreeingProbes: 3,
    }),
    69_000,
  );

  assert.equal(
    seen.map(({ at }) => at),
    [10_000],
  );
  assert.equal(world.checks, [0, 5_000, 10_000]);
});

test('a check request checks at once; a slow check is never run twice at once', () => {
  const clock = virtualTime();
  const checkNow$ = new Subject<void>();
  const started: number[] = [];
  const probeTarget = (target: ProbeTarget) => {
    if (target === first) started.push(clock.scheduler.now());
    return timer(3_000, clock.scheduler).pipe(map(() => true));
  };
  clock.at(4_000, () => checkNow$.next());
  clock.at(5_000, () => checkNow$.next());

  clock.run(monitor(line([]), clock.scheduler, { probeTarget, checkNow$, initial: 'online' }), 12_000);

  assert.equal(started, [0, 4_000, 10_000]);
});

test('settings without targets or with a zero interval are refused at once', () => {
  const clock = virtualTime();
  assert.throws(() => monitor(line([]), clock.scheduler, { targets: [] }), /at least one target/);
  assert.throws(() => monitor(line([]), clock.scheduler, { intervalMs: 0 }), /intervalMs/);
  assert.throws(() => monitor(line([]), clock.scheduler, { agreeingProbes: -1 }), /agreeingProbes/);
});

test.run();
