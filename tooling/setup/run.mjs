#!/usr/bin/env node
// The one entry point behind `npm start`, `npm test`, `npm run bench|demo|bonrelay`.
// It must work on a machine that has only Node 20 and npm, so it uses nothing but Node itself:
// it brings pnpm, installs the workspace (with the native better-sqlite3 build) and then hands over.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pnpmVersion = '12.4.2';
const [command = 'start', ...rest] = process.argv.slice(2);

const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', NO_UPDATE_NOTIFIER: '1' };
// better-sqlite3 has no reachable prebuilt binary here; node-gyp must build against the local headers.
if (existsSync('/usr/include/node') && !env.npm_config_nodedir) env.npm_config_nodedir = '/usr';

function run(file, args, options = {}) {
  const result = spawnSync(file, args, { cwd: root, stdio: 'inherit', env, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function say(message) {
  process.stderr.write(`[bonrelay setup] ${message}\n`);
}

function findPnpm() {
  const local = join(root, '.tools', 'node_modules', '.bin', 'pnpm');
  if (existsSync(local)) return local;
  const probe = spawnSync('pnpm', ['--version'], { env, encoding: 'utf8' });
  if (probe.status === 0 && probe.stdout.trim() === pnpmVersion) return 'pnpm';
  say(`installing pnpm ${pnpmVersion} into .tools/`);
  const status = run(
    'npm',
    ['install', '--no-save', '--prefix', join(root, '.tools'), `pnpm@${pnpmVersion}`],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (status !== 0) throw new Error(`could not install pnpm ${pnpmVersion} (npm exit ${status})`);
  return local;
}

const installedMarker = join(root, 'node_modules', '.bonrelay-installed');

function installIsCurrent() {
  const marker = installedMarker;
  if (!existsSync(marker)) return false;
  const installedAt = statSync(marker).mtimeMs;
  const lock = join(root, 'pnpm-lock.yaml');
  return !existsSync(lock) || statSync(lock).mtimeMs <= installedAt;
}

function nativeStoreLoads() {
  const check = "const D=require('better-sqlite3');new D(':memory:').prepare('select 1').get()";
  return (
    spawnSync(process.execPath, ['-e', check], { cwd: join(root, 'packages', 'event-store'), env }).status ===
    0
  );
}

function ensureInstalled() {
  const pnpm = findPnpm();
  if (!installIsCurrent()) {
    say('installing dependencies (the first time builds better-sqlite3, about a minute)');
    const frozen = existsSync(join(root, 'pnpm-lock.yaml')) ? ['--frozen-lockfile'] : [];
    if (run(pnpm, ['install', ...frozen]) !== 0) throw new Error('pnpm install failed');
    writeFileSync(installedMarker, `${new Date().toISOString()}\n`);
  }
  if (!nativeStoreLoads()) {
    say('rebuilding better-sqlite3 for this Node');
    if (run(pnpm, ['rebuild', 'better-sqlite3']) !== 0 || !nativeStoreLoads()) {
      throw new Error('better-sqlite3 does not load: need python3, make, g++ and Node headers');
    }
  }
  return pnpm;
}

/**
 * The dashboard's browser test drives Debian's chromium (no browser download is possible here).
 * Installs it when missing and this is a Debian box we may administer; otherwise says what to do.
 */
function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    say("chromium is missing: install Debian's chromium (apt-get install chromium) for the browser test");
    return;
  }
  say('installing Debian chromium for the browser test');
  const quiet = {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...env, DEBIAN_FRONTEND: 'noninteractive' },
  };
  if (
    run('apt-get', ['update', '-qq'], quiet) !== 0 ||
    run('apt-get', ['install', '-y', '-qq', 'chromium'], quiet) !== 0
  ) {
    say('could not install chromium; the browser test will fail');
  }
}

/**
 * The deploy test verifies the systemd unit with systemd-analyze, which Debian ships in the systemd
 * package. Installed like chromium; where it cannot be, that test reports itself skipped.
 */
function ensureSystemdAnalyze() {
  if (existsSync('/usr/bin/systemd-analyze')) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    say('systemd-analyze is missing (apt-get install systemd): the unit check will be skipped');
    return;
  }
  say('installing Debian systemd for systemd-analyze (the deploy test)');
  const quiet = {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...env, DEBIAN_FRONTEND: 'noninteractive' },
  };
  if (
    run('apt-get', ['update', '-qq'], quiet) !== 0 ||
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'systemd'], quiet) !== 0
  ) {
    say('could not install systemd; the unit check will be skipped');
  }
}

const tsx = ['--import', 'tsx'];
const commands = {
  start: () => run(process.execPath, [...tsx, 'apps/service/src/main.ts', ...rest]),
  bonrelay: () => run(process.execPath, [...tsx, 'apps/service/src/cli/run.ts', ...rest]),
  demo: () => run(process.execPath, [...tsx, 'apps/service/src/demo.ts', ...rest]),
  bench: () => run(process.execPath, [...tsx, 'tooling/bench/src/main.ts', ...rest]),
  test: () => {
    ensureChromium();
    ensureSystemdAnalyze();
    return run(process.execPath, ['tooling/setup/check.mjs', ...rest]);
  },
};

const action = commands[command];
if (!action) {
  say(`unknown command "${command}"; one of: ${Object.keys(commands).join(', ')}`);
  process.exit(2);
}
try {
  ensureInstalled();
} catch (error) {
  say(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
process.exitCode = action();
