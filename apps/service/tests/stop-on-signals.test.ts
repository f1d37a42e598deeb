import { EventEmitter } from 'node:events';
import pino from 'pino';
import { VirtualTimeScheduler } from 'rxjs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { stopOnSignals } from '../src/stop-on-signals.ts';

interface Given {
  /** How the service's stop goes: settles when the test says so (or never). */
  readonly stop: () => Promise<void>;
  /** Whether the log's last lines get out. */
  readonly drained: () => Promise<void>;
}

const config = { printing: { stopTimeoutMs: 40 }, server: { stopGraceMs: 40 } } as never;
const never = () => new Promise<void>(() => {});

function signalled({ stop, drained }: Given, signal = 'SIGTERM') {
  const signals = new EventEmitter();
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
  const stops: string[] = [];
  const scheduler = new VirtualTimeScheduler();
  const exited = new Promise<{ code: number; afterMs: number }>((resolve) => {
    stopOnSignals(
      {
        stop: (reason) => {
          stops.push(reason);
          return stop();
        },
      },
      { logger, drained },
      config,
      { exit: (code) => resolve({ code, afterMs: scheduler.now() }), signals, scheduler },
    );
  });
  signals.emit(signal);
  signals.emit('SIGINT');
  // Whatever settles without the clock settles within a few turns; then the clock runs on.
  const settled = (async () => {
    for (let turn = 0; turn < 20; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    scheduler.flush();
    return exited;
  })();
  return { exited: settled, stops, lines };
}

const stopping = suite('stopping on a signal');

stopping('given a stop that finishes and a log that drains, the process exits 0 at once', async () => {
  const { exited, stops } = signalled({ stop: async () => {}, drained: async () => {} });
  const { code, afterMs } = await exited;
  assert.is(code, 0);
  assert.is(afterMs, 0, 'no waiting for the deadline');
  assert.equal(stops, ['SIGTERM'], 'a second signal does not start a second stop');
});

stopping(
  'given a stop that hangs, the process exits 1 at stopTimeoutMs + stopGraceMs and says why',
  async () => {
    const { exited, lines } = signalled({ stop: never, drained: async () => {} });
    const { code, afterMs } = await exited;
    assert.is(code, 1);
    assert.is(afterMs, 80, 'at stopTimeoutMs + stopGraceMs');
    assert.match(lines.join(''), /did not stop in time/);
  },
);

stopping(
  'given a stopped service whose log reader stalls, the process still exits 0 at the deadline',
  async () => {
    const { exited } = signalled({ stop: async () => {}, drained: never });
    const { code, afterMs } = await exited;
    assert.is(code, 0);
    assert.is(afterMs, 80, 'at stopTimeoutMs + stopGraceMs');
  },
);

stopping('given a stop that fails, the failure is logged and the process exits 1', async () => {
  const { exited, lines } = signalled(
    { stop: () => Promise.reject(new Error('disk gone')), drained: async () => {} },
    'SIGINT',
  );
  assert.is((await exited).code, 1);
  assert.match(lines.join(''), /the stop failed.*disk gone|disk gone.*the stop failed/);
});

stopping.run();
