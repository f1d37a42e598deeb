import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { installArgs, installIsCurrent, installProfiles } from '../install.mjs';
import { findPnpm, withPnpmOnPath } from '../pnpm.mjs';

const repo = join(import.meta.dirname, '..', '..', '..');
const benchPeers = [
  '@event-driven-io/emmett',
  '@event-driven-io/emmett-sqlite',
  'sqlite3',
  'plainjob',
  'autocannon',
];
const devTools = ['tsx', 'typescript', 'turbo', '@biomejs/biome', 'c8', 'uvu', 'playwright-core'];

/** The workspace's manifests and lockfile, without sources: all an install reads. */
function manifestsCopy(): string {
  const root = mkdtempSync(join(tmpdir(), 'bonrelay-setup-install-'));
  const files = ['package.json', 'pnpm-workspace.yaml', 'pnpm-lock.yaml'];
  for (const group of ['apps', 'packages', 'tooling']) {
    for (const name of readdirSync(join(repo, group))) {
      if (existsSync(join(repo, group, name, 'package.json'))) files.push(join(group, name, 'package.json'));
    }
  }
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    copyFileSync(join(repo, file), join(root, file));
  }
  return root;
}

/** Installs a profile the way the setup does (from the local store, no native builds: only what lands counts). */
function installedPackages(root: string, profile: 'service' | 'all'): Set<string> {
  const pnpm = findPnpm(repo, process.env, (message) => process.stdout.write(`${message}\n`));
  const result = spawnSync(pnpm, [...installArgs(root, profile), '--prefer-offline', '--ignore-scripts'], {
    cwd: root,
    env: withPnpmOnPath(process.env, pnpm),
    encoding: 'utf8',
  });
  assert.is(result.status, 0, result.stdout + result.stderr);
  // pnpm's virtual store names each package `name@version` (a scope's slash becomes `+`).
  const names = readdirSync(join(root, 'node_modules', '.pnpm'))
    .filter((entry) => entry.includes('@', 1))
    .map((entry) => entry.slice(0, entry.indexOf('@', 1)).replace('+', '/'));
  return new Set(names);
}

test("given a clean checkout, when `npm start` installs, then it brings the service's runtime and its build tool, and no bench peer or dev tool", () => {
  const root = manifestsCopy();
  try {
    const installed = installedPackages(root, 'service');
    for (const needed of ['better-sqlite3', 'zod', 'rxjs', 'receiptline', 'esbuild']) {
      assert.ok(installed.has(needed), `${needed} is installed`);
    }
    for (const unwanted of [...benchPeers, ...devTools]) {
      assert.not.ok(installed.has(unwanted), `${unwanted} is not installed`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('given a clean checkout, when `npm test` or `npm run bench` installs, then it brings everything, bench peers included', () => {
  const root = manifestsCopy();
  try {
    const installed = installedPackages(root, 'all');
    for (const needed of [...benchPeers, ...devTools, 'esbuild']) {
      assert.ok(installed.has(needed), `${needed} is installed`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('given the install markers, then the whole install covers the service but not the other way round, and a newer lockfile makes both stale', () => {
  const root = manifestsCopy();
  try {
    mkdirSync(join(root, 'node_modules'));
    const mark = (profile: 'service' | 'all', at: Date) => {
      const marker = join(root, 'node_modules', installProfiles[profile].marker);
      writeFileSync(marker, '');
      utimesSync(marker, at, at);
    };
    const lockAt = new Date('2026-11-01T12:00:00Z');
    utimesSync(join(root, 'pnpm-lock.yaml'), lockAt, lockAt);

    mark('service', new Date('2026-11-02T12:00:00Z'));
    assert.is(installIsCurrent(root, 'service'), true);
    assert.is(installIsCurrent(root, 'all'), false);

    rmSync(join(root, 'node_modules', installProfiles.service.marker));
    mark('all', new Date('2026-11-02T12:00:00Z'));
    assert.is(installIsCurrent(root, 'service'), true);
    assert.is(installIsCurrent(root, 'all'), true);

    const newerLock = new Date('2026-11-03T12:00:00Z');
    utimesSync(join(root, 'pnpm-lock.yaml'), newerLock, newerLock);
    assert.is(installIsCurrent(root, 'service'), false);
    assert.is(installIsCurrent(root, 'all'), false);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test.run();
