// `node --import tsx tooling/bench/src/profile-self-time.ts <file.cpuprofile> [--by function]
// [--from-ms N] [--top N]`: where a bench child spent its time (BENCH_CPU_PROF=<dir> writes the
// profiles), as self time summed by source file (or by function), biggest first. `--from-ms` skips
// the start of the profile, e.g. a service's catch-up before the measured part.
import { readFileSync } from 'node:fs';
import { numberArg } from './support/args.ts';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  /** Microseconds since the previous sample. */
  readonly timeDeltas: readonly number[];
}

/** Shortens a module URL to what a reader recognises: `npm:<package>/…` or the repository path. */
function where(url: string): string {
  return url
    .replace(/^file:\/\//, '')
    .replace(/.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, 'npm:')
    .replace(`${process.cwd()}/`, '');
}

/** Self time per key in milliseconds, from `fromMs` on, and the total it was taken from. */
function selfTime(
  profile: CpuProfile,
  key: (node: ProfileNode) => string,
  fromMs = 0,
): { total: number; byKey: Map<string, number> } {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byKey = new Map<string, number>();
  let clock = 0;
  let total = 0;
  profile.samples.forEach((id, index) => {
    const delta = (profile.timeDeltas[index] ?? 0) / 1000;
    clock += delta;
    const node = nodes.get(id);
    if (clock < fromMs || node === undefined) return;
    total += delta;
    const name = key(node);
    byKey.set(name, (byKey.get(name) ?? 0) + delta);
  });
  return { total, byKey };
}

const [file, ...args] = process.argv.slice(2);
if (file === undefined) {
  console.error('usage: profile-self-time.ts <file.cpuprofile> [--by function] [--from-ms N] [--top N]');
  process.exitCode = 2;
} else {
  const byFunction = args.includes('--by') && args[args.indexOf('--by') + 1] === 'function';
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const { total, byKey } = selfTime(
    profile,
    ({ callFrame }) => {
      const url = callFrame.url ? where(callFrame.url) : `(${callFrame.functionName})`;
      return byFunction ? `${callFrame.functionName || '(anonymous)'} ${url}:${callFrame.lineNumber}` : url;
    },
    args.includes('--from-ms') ? numberArg(args, '--from-ms', 0) : 0,
  );
  console.log(`${Math.round(total).toLocaleString('en-US')} ms sampled`);
  for (const [name, ms] of [...byKey].sort((a, b) => b[1] - a[1]).slice(0, numberArg(args, '--top', 30))) {
    console.log(
      `${Math.round(ms).toString().padStart(8)} ms ${((ms / total) * 100).toFixed(1).padStart(5)} %  ${name}`,
    );
  }
}
