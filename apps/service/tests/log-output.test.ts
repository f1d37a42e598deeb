import { type ChildProcess, spawn } from 'node:child_process';
import { PassThrough, type Writable } from 'node:stream';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { logOutput, outliveLostReader } from '../src/log-output.ts';
import { eventually } from './support/test-service.ts';

// The reader at the other end of a real pipe: a process that never reads (stalled) until killed (gone).
const output = suite<{ reader: ChildProcess; pipe: Writable }>('the log output');

output.before.each((context) => {
  context.reader = spawn(process.execPath, ['-e', 'setInterval(() => {}, 60_000)'], {
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  context.pipe = context.reader.stdin as Writable;
});
output.after.each(async ({ reader }) => {
  if (reader.exitCode === null && reader.signalCode === null) {
    const gone = new Promise((resolve) => reader.once('exit', resolve));
    reader.kill('SIGKILL');
    await gone;
  }
});

const line = `${JSON.stringify({ level: 30, msg: 'x'.repeat(1_000) })}\n`;

output(
  'given a reader that stalls, logging never waits and holds at most the pending limit',
  async ({ pipe }) => {
    const log = logOutput(pipe, { maxPendingBytes: 64 * 1024 });
    const startedAt = performance.now();
    for (let i = 0; i < 10_000; i++) log.write(line);
    assert.ok(performance.now() - startedAt < 2_000, 'ten thousand lines did not wait for the reader');
    assert.ok(pipe.writableLength <= 64 * 1024 + line.length, `holds ${pipe.writableLength} bytes`);
    let drained = false;
    void log.drained().then(() => {
      drained = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.not.ok(drained, 'nothing reached a reader that does not read');
  },
);

output(
  'given the reader goes away, lines are dropped without an error and drained() settles',
  async ({ reader, pipe }) => {
    const log = logOutput(pipe, { maxPendingBytes: 64 * 1024 });
    for (let i = 0; i < 1_000; i++) log.write(line);
    const drained = log.drained();
    reader.kill('SIGKILL');
    await drained;
    await eventually('the closed pipe to be noticed', () => {
      log.write(line);
      return pipe.destroyed;
    });
    for (let i = 0; i < 1_000; i++) log.write(line);
    await log.drained();
  },
);

output('given a reader that keeps up, every line reaches it in order, formatted', async () => {
  const stream = new PassThrough();
  const log = logOutput(stream, { maxPendingBytes: 1024, format: (text) => text.toUpperCase() });
  log.write('one\n');
  log.write('two\n');
  await log.drained();
  assert.is(stream.read().toString(), 'ONE\nTWO\n');
});

output('a lost reader on stderr is noticed and never thrown at the service', () => {
  const stderr = new PassThrough();
  const gone = outliveLostReader(stderr);
  assert.not.ok(gone());
  stderr.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
  assert.ok(gone());
});

output.run();
