// Brings the pinned pnpm to a machine that has only Node and npm, and makes it the `pnpm` every
// child of the setup finds: turbo runs each package's task through the package manager's binary.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

export const pnpmVersion = '12.4.2';

/**
 * The pnpm to use: one already on PATH at the pinned version, else the copy in `.tools/`,
 * installed there with npm the first time. Returns its path (or plain `pnpm` when PATH has it).
 * @param {string} root the repository
 * @param {NodeJS.ProcessEnv} env
 * @param {(message: string) => void} say
 * @returns {string}
 */
export function findPnpm(root, env, say) {
  const local = join(root, '.tools', 'node_modules', '.bin', 'pnpm');
  if (existsSync(local)) return local;
  const probe = spawnSync('pnpm', ['--version'], { env, encoding: 'utf8' });
  if (probe.status === 0 && probe.stdout.trim() === pnpmVersion) return 'pnpm';
  say(`installing pnpm ${pnpmVersion} into .tools/`);
  const install = spawnSync(
    'npm',
    ['install', '--no-save', '--prefix', join(root, '.tools'), `pnpm@${pnpmVersion}`],
    { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (install.status !== 0 || !existsSync(local)) {
    throw new Error(`could not install pnpm ${pnpmVersion} (npm exit ${install.status})`);
  }
  return local;
}

/**
 * `env` with the directory of `pnpm` first on PATH, so turbo, the test runner and every other
 * child resolve the same pnpm the setup installed with (a bare `pnpm` is already on PATH).
 * @param {NodeJS.ProcessEnv} env
 * @param {string} pnpm what findPnpm returned
 * @returns {NodeJS.ProcessEnv}
 */
export function withPnpmOnPath(env, pnpm) {
  if (pnpm === 'pnpm') return env;
  return { ...env, PATH: [dirname(pnpm), env.PATH].filter(Boolean).join(delimiter) };
}
