import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const main = new URL('../src/main.ts', import.meta.url).pathname;

function start(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', main], {
    env: { ...process.env, BONRELAY_PORT: '0', BONRELAY_INTERNET_PROBES: '127.0.0.1:9', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

test('a bad config value stops the start with exit 2 and a message naming the key and its variable', () => {
  const result = start({
    BONRELAY_DATA_DIR: mkdtempSync(join(tmpdir(), 'bonrelay-refuse-')),
    BONRELAY_PORT: 'eighty',
  });
  assert.is(result.status, 2);
  assert.match(result.stderr, /server\.port \(from BONRELAY_PORT\)/);
});

test('a misspelt BONRELAY_ variable stops the start with exit 2, naming the variable it resembles', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bonrelay-refuse-'));
  const result = start({ BONRELAY_DATA_DIR: dataDir, BONRELAY_PRINTER_URLS: 'tcp://127.0.0.1:9' });
  assert.is(result.status, 2);
  assert.match(
    result.stderr,
    /BONRELAY_PRINTER_URLS: not a bonrelay variable; did you mean BONRELAY_PRINTER_URL\?/,
  );
  assert.not.ok(existsSync(join(dataDir, 'bonrelay.db')), 'nothing was opened');
});

test('a locale bonrelay cannot speak stops the start with exit 2, naming the key and its variable', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bonrelay-refuse-'));
  const result = start({ BONRELAY_DATA_DIR: dataDir, BONRELAY_LOCALE: 'klingon' });
  assert.is(result.status, 2);
  assert.match(
    result.stderr,
    /locale \(from BONRELAY_LOCALE\): bonrelay has no texts in "klingon"; choose one of de, en/,
  );
  assert.not.ok(existsSync(join(dataDir, 'bonrelay.db')), 'nothing was opened');
});

test('a bad usb printer URL in the config file stops the start with exit 2, naming the key and the problem', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bonrelay-refuse-'));
  const config = join(dataDir, 'config.json');
  writeFileSync(config, JSON.stringify({ printers: [{ name: 'kitchen', url: 'usb://04b8:e32' }] }));
  const result = start({ BONRELAY_DATA_DIR: dataDir, BONRELAY_CONFIG: config });
  assert.is(result.status, 2);
  assert.match(result.stderr, /printers\.0\.url: product id "e32" must be 4 hex digits/);
  assert.not.ok(existsSync(join(dataDir, 'bonrelay.db')), 'nothing was opened');
});

test('a restaurant given half of its hub settings refuses with exit 2, naming the keys it lacks', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bonrelay-refuse-'));
  const result = start({ BONRELAY_DATA_DIR: dataDir, BONRELAY_SITE_ID: 'mitte' });
  assert.is(result.status, 2);
  assert.match(result.stderr, /hub\.url \(BONRELAY_HUB_URL\): a site that replicates to a hub needs/);
  assert.match(result.stderr, /hub\.token \(BONRELAY_HUB_TOKEN\)/);
  assert.not.ok(existsSync(join(dataDir, 'bonrelay.db')), 'nothing was opened');
});

test('a data file that is not SQLite stops the start with a clear error, and the file is untouched', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bonrelay-refuse-'));
  const file = join(dataDir, 'bonrelay.db');
  writeFileSync(file, 'these are the accounts, not a database\n'.repeat(100));
  const before = readFileSync(file);
  // A test knob in the environment is no reason to refuse: the start gets as far as the log.
  const result = start({ BONRELAY_DATA_DIR: dataDir, BONRELAY_TEST_KNOB: 'on' });
  assert.is(result.status, 3);
  assert.match(result.stderr, /bonrelay cannot start: .*bonrelay\.db/);
  assert.equal(readFileSync(file), before);
});

test.run();
