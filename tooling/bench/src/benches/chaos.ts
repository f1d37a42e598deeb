// `npm run bench -- chaos [--webhooks 2000] [--kills 20] [--orders 500] [--rounds 6] [--sites 3]
// [--hub-kills 10] [--cuts 10] [--only crash|printer|hub]`: the crash-, printer- and hub-chaos
// specifications of apps/service at full size (CI runs them small).
// Each runs as its own process, exactly as `npm test` does, with the sizes passed as environment.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { numberArg } from '../support/args.ts';
import { markdownTable } from '../support/table.ts';

const serviceDir = join(import.meta.dirname, '..', '..', '..', '..', 'apps', 'service');

function runSuite(file: string, env: Record<string, string>): Promise<{ code: number; ms: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join('tests', file)], {
    cwd: serviceDir,
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  return new Promise((resolve) =>
    child.once('exit', (code) => resolve({ code: code ?? 1, ms: performance.now() - started })),
  );
}

export async function run(args: string[]): Promise<void> {
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
  const suites: [string, string, Record<string, string>][] = [
    [
      'crash',
      'chaos-crash.test.ts',
      {
        BONRELAY_TEST_CHAOS_WEBHOOKS: String(numberArg(args, '--webhooks', 2_000)),
        BONRELAY_TEST_CHAOS_KILLS: String(numberArg(args, '--kills', 20)),
        BONRELAY_TEST_CHAOS_CLIENTS: String(numberArg(args, '--clients', 20)),
      },
    ],
    [
      'printer',
      'chaos-printer.test.ts',
      {
        BONRELAY_TEST_CHAOS_ORDERS: String(numberArg(args, '--orders', 500)),
        BONRELAY_TEST_CHAOS_ROUNDS: String(numberArg(args, '--rounds', 6)),
      },
    ],
    [
      'hub',
      'chaos-hub.test.ts',
      {
        BONRELAY_TEST_HUB_CHAOS_SITES: String(numberArg(args, '--sites', 3)),
        BONRELAY_TEST_HUB_CHAOS_ORDERS: String(numberArg(args, '--orders', 500)),
        BONRELAY_TEST_HUB_CHAOS_KILLS: String(numberArg(args, '--hub-kills', 10)),
        BONRELAY_TEST_HUB_CHAOS_CUTS: String(numberArg(args, '--cuts', 10)),
      },
    ],
  ];
  const rows: string[][] = [];
  for (const [name, file, env] of suites) {
    if (only && only !== name) continue;
    console.log(`\n== ${name} chaos: ${JSON.stringify(env)}`);
    const { code, ms } = await runSuite(file, env);
    rows.push([
      name,
      JSON.stringify(env),
      code === 0 ? 'passed' : `FAILED (exit ${code})`,
      (ms / 1000).toFixed(1),
    ]);
    if (code !== 0) process.exitCode = 1;
  }
  console.log(`\n${markdownTable(['suite', 'size', 'result', 's'], rows)}`);
}
