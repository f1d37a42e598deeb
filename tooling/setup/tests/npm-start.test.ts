import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { installIsCurrent } from '../install.mjs';

const repo = join(import.meta.dirname, '..', '..', '..');

/** Polls until `probe` gives a value (or fails naming `what`): no fixed sleeps. */
async function eventually<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 60_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The processes `pid` started and that still run, as the kernel knows them (Linux). */
function childrenOf(pid: number): number[] {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return children ? children.split(/\s+/).map(Number) : [];
}

const commandLine = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);

test('`npm start` runs the compiled service, which prints to the virtual printer as text files and stops on SIGTERM', async () => {
  assert.ok(
    installIsCurrent(repo, 'service'),
    'run `npm test` (or `npm start`) once: this spec does not install',
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'bonrelay-npm-start-'));
  let runner: ChildProcess | undefined;
  try {
    // The same entry as `npm start` (package.json: node tooling/setup/run.mjs start).
    runner = spawn(process.execPath, [join(repo, 'tooling', 'setup', 'run.mjs'), 'start'], {
      cwd: repo,
      env: {
        ...process.env,
        BONRELAY_DATA_DIR: dataDir,
        BONRELAY_PORT: '0',
        BONRELAY_INTERNET_PROBES: '127.0.0.1:9',
        BONRELAY_LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const exited = new Promise<number | null>((resolve) => runner?.once('exit', (code) => resolve(code)));
    let log = '';
    runner.stdout?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
    });
    runner.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
    });
    const url = await eventually(
      'the service to listen',
      () => log.match(/"url":"(http:[^"]+)"[^\n]*bonrelay is listening/)?.[1],
    );

    const health = await fetch(`${url}/health`);
    assert.is(health.status, 200);
    const children = childrenOf(runner.pid as number);
    assert.is(children.length, 1, 'the runner keeps nothing but the service running');
    const service = children[0] as number;
    const argv = commandLine(service);
    assert.ok(argv.at(-1)?.endsWith(join('apps', 'service', 'dist', 'main.js')), argv.join(' '));
    assert.not.ok(
      argv.some((arg) => arg.includes('tsx') || arg.endsWith('.ts')),
      argv.join(' '),
    );

    const order = await fetch(`${url}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        currency: 'EUR',
        fulfilment: { kind: 'pickup' },
        lineItems: [{ name: 'Pizza Diavola', quantity: 2, unitPrice: 1150 }],
      }),
    });
    assert.is(order.status, 201, await order.clone().text());
    const tickets = join(dataDir, 'virtual-printer');
    const ticket = await eventually('a ticket in the virtual printer', () => {
      const files = existsSync(tickets) ? readdirSync(tickets).filter((file) => file.endsWith('.txt')) : [];
      return files
        .map((file) => readFileSync(join(tickets, file), 'utf8'))
        .find((text) => text.includes('Pizza Diavola'));
    });
    assert.match(ticket, /2 x +Pizza Diavola/);

    process.kill(runner.pid as number, 'SIGTERM');
    assert.is(await exited, 0, log.slice(-2000));
    assert.not.ok(existsSync(`/proc/${service}`), 'the service stopped with its runner');
    assert.match(log, /"msg":"stopped"/);
  } finally {
    try {
      if (runner?.pid) process.kill(-runner.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test.run();
