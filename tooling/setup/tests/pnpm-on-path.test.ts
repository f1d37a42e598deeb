import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findPnpm, pnpmVersion, withPnpmOnPath } from '../pnpm.mjs';

const turbo = join(import.meta.dirname, '..', '..', '..', 'node_modules', '.bin', 'turbo');

/** The caller's PATH without any directory holding a pnpm: a newcomer's machine. */
function pathWithoutPnpm(): string {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => dir && !existsSync(join(dir, 'pnpm')) && !existsSync(join(dir, 'pnpx')))
    .join(delimiter);
}

/**
 * A workspace with one package whose `hello` task turbo runs through the package manager, and a
 * stand-in for the pnpm the setup installs into `.tools/` (it answers the version and runs tasks).
 */
function workspaceWithPnpmInTools(): string {
  const root = mkdtempSync(join(tmpdir(), 'bonrelay-setup-pnpm-'));
  const bin = join(root, '.tools', 'node_modules', '.bin');
  mkdirSync(bin, { recursive: true });
  mkdirSync(join(root, 'pkgs', 'kitchen'), { recursive: true });
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({ name: 'w', packageManager: `pnpm@${pnpmVersion}` }),
  );
  writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages:\n  - pkgs/*\n');
  writeFileSync(join(root, 'turbo.json'), JSON.stringify({ tasks: { hello: { cache: false } } }));
  writeFileSync(
    join(root, 'pkgs', 'kitchen', 'package.json'),
    JSON.stringify({ name: 'kitchen', scripts: { hello: 'echo unused' } }),
  );
  writeFileSync(
    join(bin, 'pnpm'),
    `#!/bin/sh\n[ "$1" = --version ] && { echo ${pnpmVersion}; exit 0; }\necho "pinned pnpm ran: $*"\n`,
  );
  chmodSync(join(bin, 'pnpm'), 0o755);
  return root;
}

function runTurbo(root: string, env: NodeJS.ProcessEnv) {
  return spawnSync(turbo, ['run', 'hello'], {
    cwd: root,
    env: { ...env, TURBO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' },
    encoding: 'utf8',
  });
}

test('given no pnpm on PATH, when turbo runs a task without the setup environment, then it cannot find the package manager', () => {
  const root = workspaceWithPnpmInTools();
  try {
    const result = runTurbo(root, { ...process.env, PATH: pathWithoutPnpm() });
    assert.is.not(result.status, 0);
    assert.match(result.stdout + result.stderr, /Unable to find package manager binary/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('given no pnpm on PATH, when turbo runs a task in the environment the setup hands its children, then the pinned pnpm runs it', () => {
  const root = workspaceWithPnpmInTools();
  try {
    const caller = { ...process.env, PATH: pathWithoutPnpm() };
    const pnpm = findPnpm(root, caller, () => assert.unreachable('pnpm is already in .tools'));
    assert.is(pnpm, join(root, '.tools', 'node_modules', '.bin', 'pnpm'));

    const result = runTurbo(root, withPnpmOnPath(caller, pnpm));

    assert.is(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /pinned pnpm ran: run hello/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('given pnpm already on PATH at the pinned version, then the setup leaves PATH as it is', () => {
  const env = { PATH: '/usr/bin' };
  assert.is(withPnpmOnPath(env, 'pnpm'), env);
});

test.run();
