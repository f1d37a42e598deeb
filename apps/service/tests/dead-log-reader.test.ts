import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const main = new URL('../src/main.ts', import.meta.url).pathname;
const stopTimeoutMs = 1_000;

/** The service as `npm start | tee` runs it: its stdout and stderr are pipes read by another process. */
function startService(): { child: ChildProcess; dataDir: string } {
  const dataDir = mkdtempSync(join(tmpdir(), 'bonrelay-log-reader-'));
  const configFile = join(dataDir, 'config.json');
  writeFileSync(configFile, JSON.stringify({ printing: { stopTimeoutMs } }));
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    env: {
      ...process.env,
      BONRELAY_CONFIG: configFile,
      BONRELAY_DATA_DIR: dataDir,
      BONRELAY_PORT: '0',
      BONRELAY_INTERNET_PROBES: '127.0.0.1:9',
      BONRELAY_LOG_LEVEL: 'debug',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { child, dataDir };
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

test('given the log reader went away, the service still serves and SIGTERM ends it within stopTimeoutMs + 1 s', async () => {
  const { child, dataDir } = startService();
  const exited = exitOf(child);
  try {
    // The reader reads the start-up lines, then dies (tee ended, journald restarted). A quiet
    // service writes nothing until SIGTERM: the stop lines are the first to meet the closed pipe.
    let seen = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const listening = /"url":"(http:[^"]+)".*bonrelay is listening/.exec(seen);
        if (listening?.[1]) resolve(listening[1]);
      });
      child.once('exit', () => reject(new Error(`the service ended before listening:\n${seen}`)));
    });
    child.stdout?.destroy();
    child.stderr?.destroy();
    assert.is((await fetch(`${url}/health`)).status, 200, 'still serves with nobody reading its log');

    const signalledAt = Date.now();
    child.kill('SIGTERM');
    const deadline = stopTimeoutMs + 1_000;
    const outcome = await Promise.race([
      exited,
      new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), deadline + 2_000)),
    ]);
    const tookMs = Date.now() - signalledAt;
    assert.ok(outcome !== 'still running', `the process was still running ${tookMs} ms after SIGTERM`);
    assert.ok(tookMs <= deadline, `exited ${tookMs} ms after SIGTERM, allowed ${deadline} ms`);
    assert.equal(outcome, { code: 0, signal: null }, 'a clean stop');
    assert.not.ok(
      existsSync(join(dataDir, 'bonrelay.pid')),
      'the running mark was taken away: the stop ran to its end',
    );
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  }
});

test.run();
