import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEventStore } from '@bonrelay/event-store';
import { generateWixKeyPair, makeWixOrder, orderCreatedDelivery, signWixWebhook } from '@bonrelay/wix-fake';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startCloudprntPrinterUnderTest } from './support/printer-under-test/cloudprnt.ts';
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

test('SIGKILL mid-drain with a CloudPRNT printer: after a restart every ticket prints, a duplicate only for the job in flight, marked', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bonrelay-cloudprnt-crash-'));
  // The printer takes a while per ticket, so the kill finds a job fetched and not yet confirmed.
  const kitchen = await startCloudprntPrinterUnderTest({ mode: 'slow', slowPrintMs: 150 });
  const internet = await fakeInternet();
  const keys = await generateWixKeyPair();
  const configFile = join(dataDir, 'config.json');
  writeFileSync(configFile, JSON.stringify({ printers: [kitchen.printerConfig('kitchen')] }));
  const env = {
    BONRELAY_CONFIG: configFile,
    BONRELAY_DATA_DIR: dataDir,
    BONRELAY_PORT: '0',
    BONRELAY_WIX_PUBLIC_KEY: keys.publicKeyPem,
    BONRELAY_INTERNET_PROBES: `127.0.0.1:${(internet.address() as { port: number }).port}`,
    BONRELAY_LOG_LEVEL: 'info',
  };
  let running = await startServiceProcess(env);
  await kitchen.attach(running.url);
  for (let n = 0; n < 8; n++) {
    const jwt = await signWixWebhook(orderCreatedDelivery(makeWixOrder({})), keys.privateKey);
    assert.is((await fetch(`${running.url}/webhooks/wix`, { method: 'POST', body: jwt })).status, 200);
  }
  const countOf = (type: string) => {
    const store = openEventStore({ file: join(dataDir, 'bonrelay.db'), readonly: true });
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

  // The printer keeps polling into the void, then finds the service again at its new address.
  running = await startServiceProcess(env);
  await kitchen.attach(running.url);
  await eventually('all 16 tickets printed', () => countOf('PrintJobPrinted') >= 16, 30_000);
  const store = openEventStore({ file: join(dataDir, 'bonrelay.db'), readonly: true });
  const idsOf = (type: string) =>
    store.read({ types: [type] }).map((e) => (e.data as { jobId: string }).jobId);
  const queued = idsOf('PrintJobQueued');
  const printedJobs = idsOf('PrintJobPrinted');
  const requeued = idsOf('PrintJobRequeued');
  store.close();
  assert.is(queued.length, 16);
  for (const jobId of queued) assert.ok(printedJobs.includes(jobId), `${jobId} printed`);
  assert.is(requeued.length, 1, 'the job the printer held when the service died is requeued');
  const onPaper = kitchen.printed();
  // 17 when the printer had fetched the job in flight (it printed it and could not confirm).
  assert.ok([16, 17].includes(onPaper.length), 'every ticket on paper, twice only the one in flight');
  assert.ok(
    onPaper.some((job) => job.text.includes('POSSIBLE DUPLICATE')),
    'the reprint is marked',
  );

  running.child.kill('SIGTERM');
  await new Promise((resolve) => running.child.once('exit', resolve));
  await kitchen.close();
  internet.close();
});

test.run();
