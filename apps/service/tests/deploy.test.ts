import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { serviceNodeFlags, serviceTunables } from '../../../tooling/setup/service-process.mjs';

const unit = new URL('../../../deploy/bonrelay.service', import.meta.url).pathname;
const installer = new URL('../../../deploy/install.sh', import.meta.url).pathname;
const udevRules = new URL('../../../deploy/99-bonrelay-printers.rules', import.meta.url).pathname;

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

test('USB printers: the udev rule opens every lpN to group bonrelay and names each printer stably; the installer installs it', () => {
  const rules = readFileSync(udevRules, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
  assert.ok(
    rules.every((rule) => rule.startsWith('SUBSYSTEM=="usbmisc", KERNEL=="lp[0-9]*"')),
    'only printers',
  );
  assert.ok(rules.some((rule) => rule.includes('GROUP="bonrelay"') && rule.includes('MODE="0660"')));
  assert.ok(rules.some((rule) => rule.includes('SYMLINK+="bonrelay-printer-%s{serial}"')));
  assert.ok(readFileSync(installer, 'utf8').includes('/etc/udev/rules.d/99-bonrelay-printers.rules'));
});

test('the unit lets the service reach USB printer devices (and no other device)', () => {
  const text = readFileSync(unit, 'utf8');
  assert.not.ok(/^PrivateDevices=yes$/m.test(text), 'PrivateDevices=yes would hide /dev/usb/lp0');
  assert.ok(/^DevicePolicy=closed$/m.test(text));
  assert.ok(/^DeviceAllow=char-usb rw$/m.test(text));
});

test.run();
