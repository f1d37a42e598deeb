import { EventEmitter } from 'node:events';
import pino from 'pino';
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
  const startedAt = performance.now();
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
      { exit: (code) => resolve({ code, afterMs: performance.now() - startedAt }), signals },
    );
  });
  signals.emit(signal);
  signals.emit('SIGINT');
  return { exited, stops, lines };
}

const stopping = suite('stopping on a signal');

stopping('given a stop that finishes and a log that drains, the process exits 0 at once', async () => {
  const { exited, stops } = signalled({ stop: async () => {}, drained: async () => {} });
  const { code, afterMs } = await exited;
  assert.is(code, 0);
  assert.ok(afterMs < 40, `took ${afterMs} ms`);
  assert.equal(stops, ['SIGTERM'], 'a second signal does not start a second stop');
});

stopping(
  'given a stop that hangs, the process exits 1 at stopTimeoutMs + stopGraceMs and says why',
  async () => {
    const { exited, lines } = signalled({ stop: never, drained: async () => {} });
    const { code, afterMs } = await exited;
    assert.is(code, 1);
    assert.ok(afterMs >= 80, `exited after ${afterMs} ms, before the deadline`);
    assert.match(lines.join(''), /did not stop in time/);
  },
);

stopping(
  'given a stopped service whose log reader stalls, the process still exits 0 at the deadline',
  async () => {
    const { exited } = signalled({ stop: async () => {}, drained: never });
    const { code, afterMs } = await exited;
    assert.is(code, 0);
    assert.ok(afterMs >= 80, `exited after ${afterMs} ms`);
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
