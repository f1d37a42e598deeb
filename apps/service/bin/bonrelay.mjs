#!/usr/bin/env node
// The `bonrelay` command for installed use: runs the TypeScript CLI through tsx.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const tsx = import.meta.resolve('tsx');
const entry = fileURLToPath(new URL('../src/cli/run.ts', import.meta.url));
const result = spawnSync(process.execPath, ['--import', tsx, entry, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exitCode = result.status ?? 1;
