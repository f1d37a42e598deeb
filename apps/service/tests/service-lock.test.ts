import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseArguments } from '../src/cli/args.ts';
import { assertServiceStopped } from '../src/cli/cli-context.ts';
import { loadConfig } from '../src/config/index.ts';
import { markServiceRunning, runningService, serviceLockFile } from '../src/service-lock.ts';

function contextFor(dataDir: string, argv: string[] = []) {
  return {
    args: parseArguments(argv),
    config: loadConfig({ BONRELAY_DATA_DIR: dataDir }),
    out: () => undefined,
    isTty: false,
  };
}

test('given a service running on the data directory, writing commands refuse and say why', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bonrelay-lock-'));
  const context = contextFor(dataDir);
  // Another live process plays the running service: our parent, the test runner.
  writeFileSync(
    serviceLockFile(context.config),
    JSON.stringify({ pid: process.ppid, url: 'http://127.0.0.1:8080' }),
  );
  assert.equal(runningService(context.config), { pid: process.ppid, url: 'http://127.0.0.1:8080' });
  assert.throws(
    () => assertServiceStopped(context, 'forget'),
    /the service is running \(pid \d+, http:\/\/127\.0\.0\.1:8080\): stop it first/,
  );
  assert.not.throws(() => assertServiceStopped(contextFor(dataDir, ['--db', '/tmp/copy.db']), 'forget'));
});

test('a mark left by a crashed service, or by this very process, does not block anything', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bonrelay-lock-'));
  const context = contextFor(dataDir);
  writeFileSync(serviceLockFile(context.config), JSON.stringify({ pid: 2 ** 22 + 12_345, url: 'x' }));
  assert.is(runningService(context.config), undefined);
  const unmark = markServiceRunning(context.config, 'http://127.0.0.1:1');
  assert.is(runningService(context.config), undefined);
  unmark();
  writeFileSync(serviceLockFile(context.config), 'not json');
  assert.is(runningService(context.config), undefined);
  assert.not.throws(() => assertServiceStopped(context, 'projections rebuild'));
});

test.run();
