#!/usr/bin/env node
// Runs one package's specifications: each `tests/**/*.test.ts` in its own Node process (with tsx),
// two at a time, and writes the package's tally for check.mjs. A file that exits non-zero
// without a uvu summary (a crash) counts as one failure, never as silence.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

const cwd = process.cwd();
const root = join(import.meta.dirname, '..', '..');
const testsDir = join(cwd, 'tests');
const concurrency = Number(process.env.BONRELAY_TEST_CONCURRENCY ?? 2);
// A hung file (an open handle, a wait that never ends) must fail CI, not stall it.
const fileTimeoutMs = Number(process.env.BONRELAY_TEST_FILE_TIMEOUT_MS ?? 240_000);

function findTests(dir) {
  let found = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found = found.concat(findTests(path));
    else if (entry.endsWith('.test.ts')) found.push(path);
  }
  return found.sort();
}

/**
 * The lines that name what failed, kept for the closing summary: CI shows only the end of the log,
 * and a red run that does not say which spec broke cannot be fixed from its record.
 */
function failureExcerpt(output) {
  const lines = output.split('\n');
  const start = Math.max(
    0,
    lines.findIndex((line) => /FAIL|killed after|Error/.test(line)),
  );
  return lines.slice(start, start + 12).join('\n');
}

function runFile(file) {
  return new Promise((resolve) => {
    // Its own process group: whatever a spec leaves running (a service it spawned) goes with it.
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      cwd,
      env: process.env,
      detached: true,
    });
    const killGroup = () => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    let output = '';
    const timer = setTimeout(() => {
      output += `\n!!! killed after ${fileTimeoutMs} ms: the file did not finish\n`;
      killGroup();
    }, fileTimeoutMs);
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      killGroup();
      const number = (label) => Number(output.match(new RegExp(`${label}:\\s+(\\d+)`))?.[1] ?? 0);
      let passed = number('Passed');
      // uvu's Total leaves skipped tests out already.
      let failed = number('Total') - passed;
      if (code !== 0 && failed === 0) failed = 1;
      if (code === 0 && number('Total') === 0) passed = 0;
      process.stdout.write(`\n--- ${relative(cwd, file)} (exit ${code})\n${output}`);
      const failures = failed > 0 ? [{ file: relative(root, file), excerpt: failureExcerpt(output) }] : [];
      resolve({ passed, failed, skipped: number('Skipped'), failures });
    });
  });
}

const files = existsSync(testsDir) ? findTests(testsDir) : [];
const results = [];
let next = 0;
async function worker() {
  while (next < files.length) results.push(await runFile(files[next++]));
}
await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));

const sum = (key) => results.reduce((total, result) => total + result[key], 0);
const tally = {
  passed: sum('passed'),
  failed: sum('failed'),
  skipped: sum('skipped'),
  failures: results.flatMap((result) => result.failures),
};
const outDir = join(root, 'test-output', 'results');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, `${basename(cwd)}.json`), JSON.stringify(tally));
process.stdout.write(`\n${basename(cwd)}: ${tally.passed} passed, ${tally.failed} failed\n`);
process.exitCode = tally.failed > 0 ? 1 : 0;
