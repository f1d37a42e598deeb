import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadConfig } from '../src/config/index.ts';

function fileWith(config: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'bonrelay-config-')), 'config.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

test('given no settings, then catch-up, webhook grace and clock leeway have their documented defaults', () => {
  const { wix, monitor, server } = loadConfig({});
  assert.equal(
    [wix.reconcileIntervalMs, wix.webhookGraceMs, wix.clockToleranceMs, wix.clockSkewAlertMs],
    [60_000, 120_000, 300_000, 60_000],
  );
  assert.is(monitor.webhookPathIntervalMs, 300_000);
  assert.is(server.publicUrl, undefined);
});

test('given BONRELAY_PUBLIC_URL, then it is server.publicUrl; a value that is no URL names the variable', () => {
  assert.is(
    loadConfig({ BONRELAY_PUBLIC_URL: 'https://pizza.example.net' }).server.publicUrl,
    'https://pizza.example.net',
  );
  for (const bad of ['pizza', 'ftp://pizza.example.net']) {
    assert.throws(
      () => loadConfig({ BONRELAY_PUBLIC_URL: bad }),
      /server\.publicUrl \(from BONRELAY_PUBLIC_URL\)/,
    );
  }
});

test('given a zero catch-up interval, then the start fails naming the key; zero clock tolerance is allowed', () => {
  assert.throws(
    () => loadConfig({ BONRELAY_CONFIG: fileWith({ wix: { reconcileIntervalMs: 0 } }) }),
    /wix\.reconcileIntervalMs/,
  );
  assert.is(
    loadConfig({ BONRELAY_CONFIG: fileWith({ wix: { clockToleranceMs: 0 } }) }).wix.clockToleranceMs,
    0,
  );
});

test.run();
