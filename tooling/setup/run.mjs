#!/usr/bin/env node
// The one entry point behind `npm start`, `npm test`, `npm run bench|demo|bonrelay`.
// It must work on a machine that has only Node 20 and npm, so it uses nothing but Node itself:
// it brings pnpm, installs what the command needs (with the native better-sqlite3 build), builds
// the service when its sources changed, and then hands over.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureServiceBuilt, serviceOutDir } from './build-service.mjs';
import { ensurePostgres } from './ensure-postgres.mjs';
import { ensureInstalled } from './install.mjs';
import { findPnpm, withPnpmOnPath } from './pnpm.mjs';
import { serviceEnvironment, serviceNodeFlags } from './service-process.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const [command = 'start', ...rest] = process.argv.slice(2);

let env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', NO_UPDATE_NOTIFIER: '1' };
// better-sqlite3 has no reachable prebuilt binary here; node-gyp must build against the local headers.
if (existsSync('/usr/include/node') && !env.npm_config_nodedir) env.npm_config_nodedir = '/usr';

function say(message) {
  process.stderr.write(`[bonrelay setup] ${message}\n`);
}

/**
 * Runs the command's process and passes on the signals meant for it (a supervisor's SIGTERM must
 * reach the service, which then records its last job), resolving with its exit code.
 */
function run(file, args, extraEnv = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } });
    const signals = ['SIGTERM', 'SIGINT', 'SIGHUP'];
    const forward = (signal) => child.kill(signal);
    for (const signal of signals) process.on(signal, forward);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      for (const name of signals) process.off(name, forward);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

/**
 * The Debian box's own chromium drives the dashboard's browser test (no browser download is
 * possible here). Installs it when missing and this is a Debian box we may administer.
 */
function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return Promise.resolve();
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    say("chromium is missing: install Debian's chromium (apt-get install chromium) for the browser test");
    return Promise.resolve();
  }
  say('installing Debian chromium for the browser test');
  const quiet = { DEBIAN_FRONTEND: 'noninteractive' };
  return run('apt-get', ['update', '-qq'], quiet)
    .then((status) => (status === 0 ? run('apt-get', ['install', '-y', '-qq', 'chromium'], quiet) : status))
    .then((status) => {
      if (status !== 0) say('could not install chromium; the browser test will fail');
    });
}

/**
 * The deploy test verifies the systemd unit with systemd-analyze, which Debian ships in the systemd
 * package. Installed like chromium; where it cannot be, that test reports itself skipped.
 */
function ensureSystemdAnalyze() {
  if (existsSync('/usr/bin/systemd-analyze')) return Promise.resolve();
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    say('systemd-analyze is missing (apt-get install systemd): the unit check will be skipped');
    return Promise.resolve();
  }
  say('installing Debian systemd for systemd-analyze (the deploy test)');
  const quiet = { DEBIAN_FRONTEND: 'noninteractive' };
  return run('apt-get', ['update', '-qq'], quiet)
    .then((status) =>
      status === 0
        ? run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'systemd'], quiet)
        : status,
    )
    .then((status) => {
      if (status !== 0) say('could not install systemd; the unit check will be skipped');
    });
}

const tsx = ['--import', 'tsx'];
const built = (name) => join(serviceOutDir, `${name}.js`);
/** Per command: what it installs, whether it needs the service bundle, and what it runs. */
const commands = {
  start: {
    profile: 'service',
    build: true,
    run: () => run(process.execPath, [...serviceNodeFlags, built('main'), ...rest], serviceEnvironment(env)),
  },
  bonrelay: { profile: 'service', build: true, run: () => run(process.execPath, [built('cli'), ...rest]) },
  demo: {
    profile: 'all',
    build: false,
    run: () => run(process.execPath, [...tsx, 'tooling/demo/src/main.ts', ...rest]),
  },
  bench: {
    profile: 'all',
    build: true,
    run: () => run(process.execPath, [...tsx, 'tooling/bench/src/main.ts', ...rest]),
  },
  test: {
    profile: 'all',
    build: false,
    run: async () => {
      await ensureChromium();
      await ensureSystemdAnalyze();
      await (await import('./ensure-socat.mjs')).ensureSocat(say);
      Object.assign(env, await ensurePostgres({ root, say }));
      return run(process.execPath, ['tooling/setup/check.mjs', ...rest]);
    },
  },
};

const action = commands[command];
if (!action) {
  say(`unknown command "${command}"; one of: ${Object.keys(commands).join(', ')}`);
  process.exit(2);
}
try {
  const pnpm = findPnpm(root, env, say);
  env = withPnpmOnPath(env, pnpm);
  ensureInstalled({ root, profile: action.profile, pnpm, env, say });
  if (action.build) await ensureServiceBuilt(root, { say });
} catch (error) {
  say(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
process.exitCode = await action.run();
