import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildIsCurrent, ensureServiceBuilt } from '../build-service.mjs';

const project = { entries: { main: 'src/main.ts' }, outDir: 'dist' };

/** A tiny service: an entry importing a greeting, and a file the entry does not use. */
function tinyService(): string {
  const root = mkdtempSync(join(tmpdir(), 'bonrelay-setup-build-'));
  mkdirSync(join(root, 'src'));
  writeFileSync(
    join(root, 'src', 'main.ts'),
    "import { greeting } from './greeting.ts';\nconsole.log(greeting);\n",
  );
  writeFileSync(join(root, 'src', 'greeting.ts'), "export const greeting: string = 'table 4 is ready';\n");
  writeFileSync(join(root, 'src', 'unused.ts'), 'export const unused = 1;\n');
  return root;
}

const runBundle = (root: string) =>
  spawnSync(process.execPath, [join(root, 'dist', 'main.js')], { encoding: 'utf8' }).stdout.trim();

test('given no bundle, when the setup builds, then the bundle runs as compiled JavaScript', async () => {
  const root = tinyService();
  try {
    assert.is(buildIsCurrent(root, project), false);
    assert.is(await ensureServiceBuilt(root, project), 'built');
    assert.is(runBundle(root), 'table 4 is ready');
    assert.not.match(readFileSync(join(root, 'dist', 'main.js'), 'utf8'), /: string/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('given a current bundle, when nothing it was built from changed, then the setup does not build again', async () => {
  const root = tinyService();
  try {
    await ensureServiceBuilt(root, project);
    const builtAt = statSync(join(root, 'dist', 'main.js')).mtimeMs;
    writeFileSync(join(root, 'src', 'unused.ts'), 'export const unused = 2;\n');

    assert.is(await ensureServiceBuilt(root, project), 'current');
    assert.is(statSync(join(root, 'dist', 'main.js')).mtimeMs, builtAt);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('given a current bundle, when a source in it changes, then the setup builds again and the bundle has the change', async () => {
  const root = tinyService();
  try {
    await ensureServiceBuilt(root, project);
    writeFileSync(join(root, 'src', 'greeting.ts'), "export const greeting = 'table 5 is ready';\n");

    assert.is(buildIsCurrent(root, project), false);
    assert.is(await ensureServiceBuilt(root, project), 'built');
    assert.is(runBundle(root), 'table 5 is ready');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('given a bundle whose output file went missing, then it is not current', async () => {
  const root = tinyService();
  try {
    await ensureServiceBuilt(root, project);
    rmSync(join(root, 'dist', 'main.js'));
    assert.is(buildIsCurrent(root, project), false);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test.run();
