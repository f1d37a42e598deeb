import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadConfig } from '../src/config/index.ts';
import { loadOrCreateMasterKey, MasterKeyError, masterKeyFile, readMasterKey } from '../src/privacy/index.ts';

function scratch() {
  const dir = mkdtempSync(join(tmpdir(), 'bonrelay-key-'));
  const warnings: string[] = [];
  return {
    dir,
    file: join(dir, 'keys', 'master.key'),
    logger: { warn: (_details: object, message: string) => warnings.push(message) },
    warnings,
    done: () => rmSync(dir, { recursive: true, force: true }),
  };
}

const namesTheKey = (error: unknown) =>
  error instanceof MasterKeyError && error.message.startsWith('security.keyFile (BONRELAY_KEY_FILE): ');

test('given no key file, when the service starts, then it creates 32 random bytes with mode 0600 and says so loudly', () => {
  const at = scratch();
  const key = loadOrCreateMasterKey(at.file, at.logger);
  assert.is(key.length, 32);
  assert.is(statSync(at.file).mode & 0o777, 0o600);
  assert.equal(readFileSync(at.file), key);
  assert.is(at.warnings.length, 1);
  assert.match(at.warnings[0] ?? '', /created a new master key/);
  at.done();
});

test('given a key file, when started again, then the same key is read and nothing is logged', () => {
  const at = scratch();
  const first = loadOrCreateMasterKey(at.file, at.logger);
  assert.equal(loadOrCreateMasterKey(at.file, at.logger), first);
  assert.equal(readMasterKey(at.file), first);
  assert.is(at.warnings.length, 1);
  at.done();
});

test('given a key file others can read, when started, then it refuses with an error naming security.keyFile', () => {
  const at = scratch();
  loadOrCreateMasterKey(at.file, at.logger);
  chmodSync(at.file, 0o644);
  assert.throws(() => loadOrCreateMasterKey(at.file, at.logger), namesTheKey);
  assert.throws(() => loadOrCreateMasterKey(at.file, at.logger), /mode 0644.*chmod 600/);
  assert.throws(() => readMasterKey(at.file), namesTheKey);
  at.done();
});

test('given a key file of the wrong size, when started, then it refuses rather than making a new key', () => {
  const at = scratch();
  loadOrCreateMasterKey(at.file, at.logger);
  writeFileSync(at.file, Buffer.alloc(16));
  assert.throws(
    () => loadOrCreateMasterKey(at.file, at.logger),
    /holds 16 bytes; a master key is exactly 32/,
  );
  assert.throws(() => loadOrCreateMasterKey(at.file, at.logger), namesTheKey);
  at.done();
});

test('given the key path is a directory or cannot be created, then the error still names the key', () => {
  const at = scratch();
  assert.throws(() => loadOrCreateMasterKey(at.dir, at.logger), namesTheKey);
  writeFileSync(join(at.dir, 'plain-file'), 'x');
  assert.throws(
    () => loadOrCreateMasterKey(join(at.dir, 'plain-file', 'master.key'), at.logger),
    namesTheKey,
  );
  assert.throws(() => readMasterKey(at.dir), namesTheKey);
  at.done();
});

test('given no key file, when the CLI reads it, then there is no key (and none is made)', () => {
  const at = scratch();
  assert.is(readMasterKey(at.file), undefined);
  assert.throws(() => statSync(at.file));
  at.done();
});

test('given the config, then the key file is BONRELAY_KEY_FILE, else master.key in the data dir', () => {
  assert.is(
    masterKeyFile(loadConfig({ BONRELAY_DATA_DIR: '/srv/bonrelay' })),
    join('/srv/bonrelay', 'master.key'),
  );
  assert.is(
    masterKeyFile(
      loadConfig({ BONRELAY_DATA_DIR: '/srv/bonrelay', BONRELAY_KEY_FILE: '/etc/bonrelay/master.key' }),
    ),
    '/etc/bonrelay/master.key',
  );
});

test.run();
