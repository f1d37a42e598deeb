// Brings a throwaway PostgreSQL server up for the test run, as ensureChromium brings a browser:
// Debian's `postgresql` is installed when missing, a cluster of our own is initialised in a
// directory keyed by the checkout (never the packaged `main` cluster), and it listens on loopback
// only, with its socket inside its own directory. Uses nothing but Node, like run.mjs.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The variable tests read; a URL to the `postgres` database of the test cluster. */
export const testPostgresVariable = 'BONRELAY_TEST_POSTGRES_URL';

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** The newest installed server's bin directory (Debian keeps them under /usr/lib/postgresql/<v>). */
export function findPostgresBin() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((name) => existsSync(join(base, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length === 0 ? undefined : join(base, versions[0], 'bin');
}

/** Where this checkout's cluster lives: short (a socket path must fit 107 bytes) and per checkout. */
export function clusterDirFor(root) {
  const key = createHash('sha256').update(root).digest('hex').slice(0, 10);
  return join(tmpdir(), `bonrelay-postgres-${key}`);
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A port derived from the checkout, so two worktrees on one machine do not fight over one. */
async function choosePort(root) {
  const start =
    20_000 + (Number.parseInt(createHash('sha256').update(root).digest('hex').slice(0, 6), 16) % 20_000);
  for (let port = start; port < start + 200; port += 1) if (await portIsFree(port)) return port;
  throw new Error(`no free loopback port near ${start} for the test PostgreSQL`);
}

/**
 * Runs a server program as the `postgres` user when we are root (PostgreSQL refuses to run as
 * root), else as ourselves.
 */
function asOwner(file, args) {
  const [command, commandArgs] = isRoot()
    ? ['runuser', ['-u', 'postgres', '--', file, ...args]]
    : [file, args];
  return spawnSync(command, commandArgs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function installPostgres(say) {
  if (!isRoot() || !existsSync('/usr/bin/apt-get')) {
    say("PostgreSQL is missing: install Debian's postgresql (apt-get install postgresql) for its tests");
    return false;
  }
  say('installing Debian postgresql for the PostgreSQL tests');
  const quiet = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env: quiet }).status === 0;
  return apt(['update', '-qq']) && apt(['install', '-y', '-qq', '--no-install-recommends', 'postgresql']);
}

function isRunning(bin, dir) {
  return (
    existsSync(join(dir, 'PG_VERSION')) && asOwner(join(bin, 'pg_ctl'), ['-D', dir, 'status']).status === 0
  );
}

/**
 * Makes sure the test cluster runs and returns the environment to hand the tests
 * (`BONRELAY_TEST_POSTGRES_URL`), or an empty object with the reason said when it cannot be had:
 * the PostgreSQL tests then fail and say how to get it.
 * @param {{ root: string, say: (message: string) => void }} options
 * @returns {Promise<Record<string, string>>}
 */
export async function ensurePostgres({ root, say }) {
  let bin = findPostgresBin();
  if (bin === undefined && installPostgres(say)) bin = findPostgresBin();
  if (bin === undefined) return {};
  const dir = clusterDirFor(root);
  const portFile = join(dir, 'bonrelay-port');
  if (isRunning(bin, dir) && existsSync(portFile)) {
    return { [testPostgresVariable]: urlFor(Number(readFileSync(portFile, 'utf8'))) };
  }
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (isRoot()) {
      const { uid, gid } = postgresUser();
      chownSync(dir, uid, gid);
    }
    const init = asOwner(join(bin, 'initdb'), [
      '-D',
      dir,
      '-A',
      'trust',
      '-U',
      'postgres',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    if (init.status !== 0) {
      say(`could not initialise the test PostgreSQL in ${dir}: ${init.stderr.trim()}`);
      return {};
    }
  }
  const port = await choosePort(root);
  const options = `-p ${port} -k ${dir} -h 127.0.0.1 -c max_connections=200`;
  const started = asOwner(join(bin, 'pg_ctl'), [
    '-D',
    dir,
    '-o',
    options,
    '-l',
    join(dir, 'log'),
    '-w',
    'start',
  ]);
  if (started.status !== 0) {
    say(`could not start the test PostgreSQL (see ${join(dir, 'log')}): ${started.stderr.trim()}`);
    return {};
  }
  writeFileSync(portFile, `${port}\n`);
  say(`test PostgreSQL runs on 127.0.0.1:${port} (${dir})`);
  return { [testPostgresVariable]: urlFor(port) };
}

function urlFor(port) {
  return `postgres://postgres@127.0.0.1:${port}/postgres`;
}

function postgresUser() {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  if (line === undefined)
    throw new Error('the postgres user is missing (Debian creates it with the package)');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}
