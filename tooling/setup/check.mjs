#!/usr/bin/env node
// Everything `npm test` promises, in order: typecheck, Biome, every package's specifications under
// coverage (through turbo), one closing tally, and the coverage gate. Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const resultsDir = join(root, 'test-output', 'results');
const coverageDir = join(root, 'coverage', 'tmp');
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' };

function step(title, file, args, extraEnv = {}) {
  process.stdout.write(`\n=== ${title}\n`);
  const result = spawnSync(file, args, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } });
  return result.status ?? 1;
}

function tally() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const failures = [];
  if (existsSync(resultsDir)) {
    for (const file of readdirSync(resultsDir)) {
      const result = JSON.parse(readFileSync(join(resultsDir, file), 'utf8'));
      passed += result.passed;
      failed += result.failed;
      skipped += result.skipped;
      failures.push(...(result.failures ?? []));
    }
  }
  return { passed, failed, skipped, failures };
}

const only = process.argv.slice(2);
rmSync(resultsDir, { recursive: true, force: true });
rmSync(join(root, 'coverage'), { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });
mkdirSync(coverageDir, { recursive: true });

const failures = [];
if (only.length === 0) {
  if (step('typecheck (tsc 7)', bin('tsc'), ['-p', 'tsconfig.json']) !== 0) failures.push('typecheck');
  if (step('biome', bin('biome'), ['check', '.']) !== 0) failures.push('biome');
}
const filter = only.length ? only.map((name) => `--filter=${name}`) : [];
const testStatus = step(
  'tests (turbo, under coverage)',
  bin('turbo'),
  ['run', 'test', '--continue', '--concurrency=1', '--log-order=grouped', ...filter],
  { NODE_V8_COVERAGE: coverageDir },
);
const { passed, failed, skipped, failures: failedSpecs } = tally();
if (testStatus !== 0 || failed > 0) failures.push('tests');
if (passed + failed === 0) failures.push('no tests ran');

/** One coverage gate: the lines of `include` that the specs ran, at least `lines` percent. */
function coverageGate(title, src, include, lines) {
  return step(title, bin('c8'), [
    'report',
    '--temp-directory',
    coverageDir,
    '--reports-dir',
    join(root, 'coverage'),
    '--reporter=text-summary',
    '--reporter=text',
    '--all',
    '--src',
    src,
    `--include=${include}`,
    '--exclude=**/tests/**',
    '--check-coverage',
    `--lines=${lines}`,
  ]);
}

// The service's bar sits below the libraries': its entry points (main, demo) run only as whole programs.
const coverageFailures = [
  coverageGate('coverage (packages/*, lines >= 90%)', 'packages', 'packages/*/src/**', 90),
  coverageGate('coverage (apps/service/src, lines >= 85%)', 'apps/service', 'apps/service/src/**', 85),
].filter((status) => status !== 0);
if (only.length === 0 && coverageFailures.length > 0) failures.push('coverage');

for (const { file, excerpt } of failedSpecs) process.stdout.write(`\n✘ ${file}\n${excerpt}\n`);
process.stdout.write(`\n${failures.length ? `FAILED: ${failures.join(', ')}` : 'all checks green'}\n`);
process.stdout.write(`Total: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exitCode = failures.length ? 1 : 0;
