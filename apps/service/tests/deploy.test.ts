import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { serviceNodeFlags, serviceTunables } from '../../../tooling/setup/service-process.mjs';

const unit = new URL('../../../deploy/bonrelay.service', import.meta.url).pathname;
const installer = new URL('../../../deploy/install.sh', import.meta.url).pathname;

// Without systemd-analyze the unit cannot be verified: the run says "skipped", never "passed".
// `npm test` installs it (Debian package systemd) where it may.
const systemdAnalyze = '/usr/bin/systemd-analyze';
const verifiable = existsSync(systemdAnalyze) ? test : test.skip;

verifiable('the systemd unit passes systemd-analyze verify', () => {
  const result = spawnSync(systemdAnalyze, ['verify', unit], { encoding: 'utf8' });
  assert.is(result.status, 0, result.stderr);
  assert.is(result.stderr.trim(), '');
});

test('the unit runs as its own user, restarts on failure, and keeps state in StateDirectory', () => {
  const text = spawnSync('cat', [unit], { encoding: 'utf8' }).stdout;
  for (const line of [
    'User=bonrelay',
    'Restart=on-failure',
    'StateDirectory=bonrelay',
    'NoNewPrivileges=yes',
    'ProtectSystem=strict',
  ]) {
    assert.ok(text.includes(line), line);
  }
});

test('the unit runs the compiled bundle with the memory settings `npm start` uses, not TypeScript through tsx', () => {
  const text = readFileSync(unit, 'utf8');
  const execStart = text.match(/^ExecStart=(.*)$/m)?.[1] ?? '';
  assert.is(execStart, `/usr/bin/node ${serviceNodeFlags.join(' ')} /opt/bonrelay/apps/service/dist/main.js`);
  assert.ok(text.includes(`Environment=GLIBC_TUNABLES=${serviceTunables}`));
});

test('the installer is executable shell that stops on errors', () => {
  assert.ok((statSync(installer).mode & 0o111) !== 0);
  const check = spawnSync('bash', ['-n', installer]);
  assert.is(check.status, 0);
});

test.run();
