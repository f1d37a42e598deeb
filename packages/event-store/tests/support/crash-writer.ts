import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const fixture = join(import.meta.dirname, '..', 'fixtures', 'append-forever.ts');

interface Esbuild {
  build(options: Record<string, unknown>): Promise<unknown>;
  stop(): Promise<void>;
}

/**
 * Bundles the crash-test child into one plain .mjs. Starting node + tsx + hundreds of ESM files
 * costs over a second of CPU per child; the bundle starts in a fraction of that, which is what makes
 * twenty-odd kills fit in a few seconds. esbuild comes with tsx, so nothing new is installed.
 */
export async function bundleWriter(outDir: string): Promise<string> {
  const fromTsx = createRequire(import.meta.resolve('tsx'));
  const esbuild = fromTsx('esbuild') as Esbuild;
  const betterSqlite3 = createRequire(fixture).resolve('better-sqlite3');
  const outfile = join(outDir, 'append-forever.mjs');
  await esbuild.build({
    entryPoints: [fixture],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    // pg (bundled with the store) requires Node built-ins the CommonJS way.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    plugins: [
      {
        name: 'native-better-sqlite3',
        setup(build: { onResolve: (options: { filter: RegExp }, resolve: () => unknown) => void }) {
          build.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: betterSqlite3, external: true }));
        },
      },
    ],
  });
  await esbuild.stop();
  return outfile;
}

/** One crash-test child: what it acknowledged, and a way to wait for it without spinning. */
export interface Writer {
  readonly child: ChildProcess;
  readonly acknowledged: Map<string, number>;
  readonly state: { warm: boolean; exited: boolean };
  waitFor(condition: () => boolean): Promise<void>;
}

/** Starts a child ahead of its turn; it waits for "go" on stdin before it opens the store. */
export function startWriter(script: string, file: string, run: number): Writer {
  const child = spawn(process.execPath, [script, file, String(run)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const acknowledged = new Map<string, number>();
  const state = { warm: false, exited: false };
  const waiting = new Set<() => void>();
  const recheck = () => {
    for (const check of [...waiting]) check();
  };
  let partial = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (line === 'warm') state.warm = true;
      else {
        const [id = '', position = ''] = line.split(' ');
        acknowledged.set(id, Number(position));
      }
    }
    recheck();
  });
  child.on('exit', () => {
    state.exited = true;
    recheck();
  });
  const waitFor = (condition: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!condition()) return;
        waiting.delete(check);
        resolve();
      };
      waiting.add(check);
      check();
    });
  return { child, acknowledged, state, waitFor };
}
