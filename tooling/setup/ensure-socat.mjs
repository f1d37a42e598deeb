// The USB printer tests put the printer emulator behind a pseudo-terminal made by socat, so a device
// path behaves like /dev/usb/lp0 without hardware. Debian's socat is installed when missing, as
// chromium is; where it cannot be, those tests report themselves skipped.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (file, args) =>
  new Promise((resolve) => {
    const child = spawn(file, args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    child.once('error', () => resolve(1));
    child.once('exit', (code) => resolve(code ?? 1));
  });

/**
 * Installs Debian's socat for the USB (pty) tests when it is missing and this is a Debian box we
 * may administer; otherwise says how to get it.
 */
export async function ensureSocat(say) {
  if (existsSync('/usr/bin/socat')) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    say('socat is missing (apt-get install socat): the USB printer tests will be skipped');
    return;
  }
  say('installing Debian socat for the USB printer tests');
  const updated = await run('apt-get', ['update', '-qq']);
  const status = updated === 0 ? await run('apt-get', ['install', '-y', '-qq', 'socat']) : updated;
  if (status !== 0) say('could not install socat; the USB printer tests will be skipped');
}
