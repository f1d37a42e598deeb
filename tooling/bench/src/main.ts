// `node --import tsx tooling/bench/src/main.ts <name> [args]` (or `npm run bench -- <name>`):
// runs `benches/<name>.ts`; with no name, lists them. Each bench file exports `run(args)`, so adding
// a bench is adding a file.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

interface Bench {
  run(args: string[]): Promise<void> | void;
}

const benchesDir = join(import.meta.dirname, 'benches');
const available = readdirSync(benchesDir)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.slice(0, -'.ts'.length))
  .sort();

const [name, ...args] = process.argv.slice(2);
if (name === undefined || name === '--list') {
  console.log(
    `benches (npm run bench -- <name> [args]):\n${available.map((bench) => `  ${bench}`).join('\n')}`,
  );
} else if (!available.includes(name)) {
  console.error(`unknown bench "${name}"; one of: ${available.join(', ')}`);
  process.exitCode = 2;
} else {
  const bench = (await import(pathToFileURL(join(benchesDir, `${name}.ts`)).href)) as Partial<Bench>;
  if (typeof bench.run !== 'function') {
    console.error(`benches/${name}.ts does not export run(args)`);
    process.exitCode = 2;
  } else {
    await bench.run(args);
  }
}
