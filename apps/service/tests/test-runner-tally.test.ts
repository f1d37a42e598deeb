import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const root = join(import.meta.dirname, '..', '..', '..');
const runner = join(root, 'tooling', 'setup', 'test-files.mjs');

const specs = {
  // uvu leaves a skipped test out of its Total.
  'skips.test.ts': `import { test } from 'uvu';
test('passes', () => {});
test.skip('cannot run here', () => {});
test.run();
`,
  'fails.test.ts': `import { test } from 'uvu';
import * as assert from 'uvu/assert';
test('fails', () => assert.unreachable('on purpose'));
test.run();
`,
};

test('given one file with a skipped test and one with a failure, the package fails and its tally says so and names the failed spec', () => {
  // Inside the repository, so the specs resolve uvu and tsx like any package's.
  mkdirSync(join(root, 'test-output'), { recursive: true });
  const packageDir = mkdtempSync(join(root, 'test-output', 'runner-package-'));
  const tallyFile = join(root, 'test-output', 'results', `${basename(packageDir)}.json`);
  try {
    mkdirSync(join(packageDir, 'tests'));
    for (const [name, text] of Object.entries(specs)) writeFileSync(join(packageDir, 'tests', name), text);
    // Not under coverage: the made-up specs are no part of any package's figures.
    const { NODE_V8_COVERAGE: _coverage, ...env } = process.env;
    const run = spawnSync(process.execPath, [runner], {
      cwd: packageDir,
      encoding: 'utf8',
      env: { ...env, BONRELAY_TEST_CONCURRENCY: '1' },
    });
    assert.is(run.status, 1, run.stdout);
    const tally = JSON.parse(readFileSync(tallyFile, 'utf8'));
    assert.equal(
      { ...tally, failures: undefined },
      { passed: 1, failed: 1, skipped: 1, failures: undefined },
    );
    assert.equal(
      tally.failures.map((failure: { file: string }) => basename(failure.file)),
      ['fails.test.ts'],
    );
    assert.match(tally.failures[0].excerpt, /FAIL\s+"fails"/);
    assert.match(tally.failures[0].excerpt, /on purpose/);
  } finally {
    // The closing tally of `npm test` reads every results file: this made-up package must not count.
    rmSync(tallyFile, { force: true });
    rmSync(packageDir, { recursive: true, force: true });
  }
});

test.run();
