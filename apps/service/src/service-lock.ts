import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config/index.ts';

/** Where a running service says so: the CLI's writing commands read it before they touch the log. */
export function serviceLockFile(config: Config): string {
  return join(config.dataDir, 'bonrelay.pid');
}

/** Marks the data directory as served by this process; returns how to take the mark away. */
export function markServiceRunning(config: Config, url: string): () => void {
  const file = serviceLockFile(config);
  writeFileSync(file, JSON.stringify({ pid: process.pid, url }));
  return () => rmSync(file, { force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The running service's pid and URL, if one serves this data directory. A running service does
 * not see events another process appends (its live tail is in-process), so commands that write —
 * `forget`, `projections rebuild` — must not run beside it. A mark left by a crash is ignored.
 */
export function runningService(config: Config): { pid: number; url: string } | undefined {
  const file = serviceLockFile(config);
  if (!existsSync(file)) return undefined;
  try {
    const mark = JSON.parse(readFileSync(file, 'utf8')) as { pid: number; url: string };
    return mark.pid !== process.pid && alive(mark.pid) ? mark : undefined;
  } catch {
    return undefined;
  }
}
