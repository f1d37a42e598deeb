// What each command needs installed. `npm start` must not wait for the benchmark peers' native
// builds (sqlite3 alone is two minutes of node-gyp), so it installs the service's runtime closure
// and the build tool only; `npm test`, `npm run bench` and the demo install the whole workspace.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The two installs, each with its own marker in node_modules: the service's production closure
 * plus `@bonrelay/setup` (esbuild), or everything.
 */
export const installProfiles = {
  service: {
    marker: '.bonrelay-installed-service',
    args: ['--prod', '--filter-prod=@bonrelay/service...', '--filter-prod=@bonrelay/setup'],
  },
  all: { marker: '.bonrelay-installed-all', args: [] },
};

/** @typedef {keyof typeof installProfiles} InstallProfile */

/**
 * The pnpm arguments of one install, frozen to the lockfile when there is one.
 * @param {string} root
 * @param {InstallProfile} profile
 * @returns {string[]}
 */
export function installArgs(root, profile) {
  const frozen = existsSync(join(root, 'pnpm-lock.yaml')) ? ['--frozen-lockfile'] : [];
  return ['install', ...frozen, ...installProfiles[profile].args];
}

/**
 * Whether the profile's install is newer than the lockfile. Everything covers the service.
 * @param {string} root
 * @param {InstallProfile} profile
 */
export function installIsCurrent(root, profile) {
  const lock = join(root, 'pnpm-lock.yaml');
  const current = (/** @type {InstallProfile} */ name) => {
    const marker = join(root, 'node_modules', installProfiles[name].marker);
    if (!existsSync(marker)) return false;
    return !existsSync(lock) || statSync(lock).mtimeMs <= statSync(marker).mtimeMs;
  };
  return current(profile) || (profile === 'service' && current('all'));
}

function nativeStoreLoads(/** @type {string} */ root, /** @type {NodeJS.ProcessEnv} */ env) {
  const check = "const D=require('better-sqlite3');new D(':memory:').prepare('select 1').get()";
  const cwd = join(root, 'packages', 'event-store');
  return spawnSync(process.execPath, ['-e', check], { cwd, env }).status === 0;
}

/**
 * Installs what `profile` needs unless it is there already, and makes sure the native SQLite
 * binding loads in this Node. Throws with a message for the person at the terminal.
 * @param {{ root: string, profile: InstallProfile, pnpm: string, env: NodeJS.ProcessEnv, say: (message: string) => void }} options
 */
export function ensureInstalled({ root, profile, pnpm, env, say }) {
  const run = (/** @type {string[]} */ args) =>
    spawnSync(pnpm, args, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] }).status;
  if (!installIsCurrent(root, profile)) {
    say(
      profile === 'service'
        ? 'installing what the service needs (the first time builds better-sqlite3, about a minute)'
        : 'installing the whole workspace (tests, benches and their peers)',
    );
    // A production install leaves dev tools out: the full install has to run again after it.
    if (profile === 'service')
      rmSync(join(root, 'node_modules', installProfiles.all.marker), { force: true });
    if (run(installArgs(root, profile)) !== 0) throw new Error('pnpm install failed');
    writeFileSync(
      join(root, 'node_modules', installProfiles[profile].marker),
      `${new Date().toISOString()}\n`,
    );
  }
  if (!nativeStoreLoads(root, env)) {
    say('rebuilding better-sqlite3 for this Node');
    if (run(['rebuild', 'better-sqlite3']) !== 0 || !nativeStoreLoads(root, env)) {
      throw new Error('better-sqlite3 does not load: need python3, make, g++ and Node headers');
    }
  }
}
