import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEventStore } from '@bonrelay/event-store';
import { generateWixKeyPair, makeWixOrder, orderCreatedDelivery, signWixWebhook } from '@bonrelay/wix-fake';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { freePort } from './chaos-support/service-process.ts';
import { printersUnderTest } from './support/printer-under-test/index.ts';
import { eventually, fakeInternet } from './support/test-service.ts';

const main = new URL('../src/main.ts', import.meta.url).pathname;

/** Starts the real service as its own process and resolves with its URL once it listens. */
function startServiceProcess(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = buffer.match(/"url":"(http:\/\/[^"]+)"[^\n]*bonrelay is listening/);
      if (match?.[1]) resolve({ child, url: match[1] });
    });
    child.once('exit', (code) =>
      reject(new Error(`service exited early with ${code}: ${buffer.slice(-500)}`)),
    );
  });
}

for (const { transport, start } of printersUnderTest) {
  test(`SIGKILL mid-drain over ${transport}: after a restart every ticket is printed at least once, duplicates only for the job in flight, marked`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bonrelay-crash-'));
    const printer = await start({ mode: 'slow', slowBytesPerSecond: 30_000 });
    const internet = await fakeInternet();
    const keys = await generateWixKeyPair();
    // A fixed port, so a printer that polls the service (CloudPRNT) finds it again after the restart.
    const port = await freePort();
    const configFile = join(dataDir, 'config.json');
    writeFileSync(configFile, JSON.stringify({ printers: [printer.printerConfig('printer')] }));
    const env = {
      BONRELAY_CONFIG: configFile,
      BONRELAY_DATA_DIR: dataDir,
      BONRELAY_PORT: String(port),
      BONRELAY_WIX_PUBLIC_KEY: keys.publicKeyPem,
      BONRELAY_INTERNET_PROBES: `127.0.0.1:${(internet.address() as { port: number }).port}`,
      BONRELAY_LOG_LEVEL: 'info',
    };
    let running = await startServiceProcess(env);
    await printer.attach(running.url);
    const orders = Array.from({ length: 8 }, () => makeWixOrder({}));
    for (const order of orders) {
      const jwt = await signWixWebhook(orderCreatedDelivery(order), keys.privateKey);
      const response = await fetch(`${running.url}/webhooks/wix`, { method: 'POST', body: jwt });
      assert.is(response.status, 200);
    }
    const log = () => openEventStore({ file: join(dataDir, 'bonrelay.db'), readonly: true });
    const countOf = (type: string) => {
      const store = log();
      try {
        return store.read({ types: [type] }).length;
      } finally {
        store.close();
      }
    };
    await eventually(
      'a few tickets printed and one in flight',
      () => countOf('PrintJobPrinted') >= 3 && countOf('PrintAttemptStarted') > countOf('PrintJobPrinted'),
      20_000,
    );
    running.child.kill('SIGKILL');
    await new Promise((resolve) => running.child.once('exit', resolve));

    running = await startServiceProcess(env);
    await eventually('all 16 tickets printed', () => countOf('PrintJobPrinted') >= 16, 30_000);
    const store = log();
    const queued = store.read({ types: ['PrintJobQueued'] }).map((e) => (e.data as { jobId: string }).jobId);
    const printedJobs = store
      .read({ types: ['PrintJobPrinted'] })
      .map((e) => (e.data as { jobId: string }).jobId);
    const requeued = store
      .read({ types: ['PrintJobRequeued'] })
      .map((e) => (e.data as { jobId: string }).jobId);
    store.close();
    assert.is(queued.length, 16);
    for (const jobId of queued) assert.ok(printedJobs.includes(jobId), `${jobId} printed`);
    assert.ok(requeued.length <= 1, 'only the job in flight is requeued');
    const complete = printer.printed();
    assert.ok(complete.length >= 16, 'the emulator holds every ticket');
    assert.ok(
      complete.length - new Set(printedJobs).size <= requeued.length,
      'a reprint only where a crash hit a job in flight',
    );
    if (requeued.length === 1) {
      assert.ok(
        complete.some((job) => job.text.includes('POSSIBLE DUPLICATE')),
        'the reprint is marked',
      );
    }

    running.child.kill('SIGTERM');
    await new Promise((resolve) => running.child.once('exit', resolve));
    await printer.close();
    internet.close();
  });
}

test.run();
