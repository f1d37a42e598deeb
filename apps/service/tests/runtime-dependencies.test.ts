import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const repo = realpathSync(join(import.meta.dirname, '..', '..', '..'));
const service = join(repo, 'apps', 'service');
const benchPeers = [
  '@event-driven-io/emmett',
  '@event-driven-io/emmett-sqlite',
  'sqlite3',
  'plainjob',
  'autocannon',
];

interface Manifest {
  readonly name: string;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
}

/** Where Node would find `name` from `dir`: the nearest node_modules up the tree (pnpm links included). */
function locate(name: string, dir: string): string | undefined {
  for (let at = dir; ; at = dirname(at)) {
    const candidate = join(at, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(at) === at) return undefined;
  }
}

/**
 * Every package the service loads at run time, as installed: its dependencies and theirs, without
 * devDependencies. Maps each package's name to the directory it lives in.
 */
function runtimeClosure(): Map<string, string> {
  const found = new Map<string, string>();
  const pending = [service];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
    if (found.has(manifest.name)) continue;
    found.set(manifest.name, dir);
    const required = Object.keys(manifest.dependencies ?? {});
    const optional = Object.keys(manifest.optionalDependencies ?? {});
    for (const name of [...required, ...optional]) {
      const location = locate(name, dir);
      if (location) pending.push(location);
      else assert.ok(optional.includes(name), `${manifest.name} needs ${name}, which is not installed`);
    }
  }
  return found;
}

const inRepo = (dir: string) =>
  !relative(repo, dir).startsWith('..') && !dir.includes(`${sep}node_modules${sep}`);

test("the service's runtime dependencies hold no tooling package (test doubles and the demo are dev-only)", () => {
  const closure = runtimeClosure();
  const workspace = [...closure].filter(([, dir]) => inRepo(dir));
  assert.ok(
    workspace.some(([name]) => name === '@bonrelay/printing'),
    'the closure reaches the workspace packages',
  );
  const tooling = workspace.filter(([, dir]) => relative(repo, dir).startsWith(`tooling${sep}`));
  assert.equal(
    tooling.map(([name]) => name),
    [],
  );
});

test("the service's runtime dependencies hold no bench peer, no TypeScript runner and only one native build", () => {
  const closure = runtimeClosure();
  assert.ok(closure.has('better-sqlite3'));
  for (const unwanted of [...benchPeers, 'tsx', 'esbuild', 'typescript']) {
    assert.not.ok(closure.has(unwanted), `${unwanted} is a runtime dependency`);
  }
  const nativeBuilds = [...closure]
    .filter(([, dir]) => existsSync(join(dir, 'binding.gyp')))
    .map(([name]) => name);
  assert.equal(nativeBuilds, ['better-sqlite3']);
});

test.run();
