#!/usr/bin/env node
// The `bonrelay` command for installed use: the CLI bundle the setup built (`npm start` or
// `npm run bonrelay` builds it, and again whenever the sources change).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('bonrelay is not built yet: run `npm run bonrelay -- --help` once in the checkout\n');
  process.exit(1);
}
await import(cli.href);
