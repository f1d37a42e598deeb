import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openServiceLog } from '../src/service-log.ts';
import { eventually } from './support/test-service.ts';

const require = createRequire(import.meta.url);
const prettyLoaded = () => Object.keys(require.cache).some((file) => file.includes('/pino-pretty/'));

/** A stdout that is (or is not) a terminal, and what was written to it. */
function stdout(isTTY: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY });
  return { stream, text: () => stream.read()?.toString() ?? '' };
}

async function logged(isTTY: boolean): Promise<string> {
  const out = stdout(isTTY);
  const log = await openServiceLog('info', { stdout: out.stream, stderr: new PassThrough() });
  log.logger.info(
    { url: 'http://127.0.0.1:8080', order: { phone: '+49 170 1234567' } },
    'bonrelay is listening',
  );
  await log.drained();
  return out.text();
}

// Order matters: the pipe case runs first, so it can show the prettifier was never loaded.
test('given stdout is a pipe (journald, tee), each line is one JSON object and no prettifier is loaded', async () => {
  const text = await logged(false);
  const line = JSON.parse(text.trim()) as {
    level: number;
    msg: string;
    url: string;
    order: { phone: string };
  };
  assert.is(line.msg, 'bonrelay is listening');
  assert.is(line.level, 30);
  assert.is(line.order.phone, '[redacted]');
  assert.not.ok(prettyLoaded(), 'pino-pretty stays out of a service whose log nobody reads on a terminal');
});

test('given stdout is a terminal, a person reads one line per entry: time, level, message, details', async () => {
  const text = await logged(true);
  assert.is(text.split('\n').filter(Boolean).length, 1, text);
  assert.not.match(text, /^\{/);
  assert.match(text, /^\[\d\d:\d\d:\d\d\.\d{3}\] .*INFO.*: .*bonrelay is listening/);
  assert.match(text, /http:\/\/127\.0\.0\.1:8080/);
  assert.not.match(text, /1234567/, 'personal data is redacted on a terminal too');
  assert.not.match(text, /"service"/, 'the constant service field is noise to a person');
});

test('given the service started on a real terminal, its log reads as lines, not JSON', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bonrelay-tty-'));
  const main = new URL('../src/main.ts', import.meta.url).pathname;
  // script(1) runs the service on a pseudo-terminal, as when someone types `npm start`.
  const terminal = spawn('script', ['-qec', `${process.execPath} --import tsx ${main}`, '/dev/null'], {
    env: {
      ...process.env,
      BONRELAY_DATA_DIR: dataDir,
      BONRELAY_PORT: '0',
      BONRELAY_INTERNET_PROBES: '127.0.0.1:9',
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const closed = new Promise((resolve) => terminal.once('close', resolve));
  let screen = '';
  terminal.stdout.on('data', (chunk: Buffer) => {
    screen += chunk.toString();
  });
  const lockFile = join(dataDir, 'bonrelay.pid');
  let pid: number | undefined;
  try {
    // Whole lines only: the terminal may hand the listening line over in pieces.
    const listening = await eventually(
      'the service to be listening',
      () =>
        screen
          .split('\n')
          .slice(0, -1)
          .find((line) => line.includes('bonrelay is listening')),
      30_000,
    );
    pid = (JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number }).pid;
    assert.match(
      listening,
      /^\[\d\d:\d\d:\d\d\.\d{3}\] .*INFO.*bonrelay is listening.*http:\/\/127\.0\.0\.1:\d+/,
    );
    assert.not.match(screen, /^\{"level"/m, 'no JSON line on the terminal');
  } finally {
    if (pid) process.kill(pid, 'SIGTERM');
    else terminal.kill('SIGKILL');
    await closed;
  }
  assert.not.ok(existsSync(lockFile), 'the service stopped cleanly');
});

test.run();
