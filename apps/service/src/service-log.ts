import type { Writable } from 'node:stream';
import { logOutput, outliveLostReader } from './log-output.ts';
import { createLogger, type Logger } from './logger.ts';
import { readableLogLine } from './readable-log-line.ts';

/** A reader that stalls costs at most this much memory in unwritten lines. */
const maxPendingLogBytes = 1024 * 1024;

export interface ServiceLog {
  readonly logger: Logger;
  /** Settles once the lines logged so far reached the reader (or it is gone); may never settle for a stalled one. */
  drained(): Promise<void>;
}

export interface ServiceStdio {
  readonly stdout: Writable & { readonly isTTY?: boolean };
  readonly stderr: Writable;
}

/**
 * The running service's log on stdout: JSON for journald and pipes, readable lines for a person
 * at a terminal. Losing whoever reads stdout or stderr must neither stop the service nor keep it
 * from exiting, so both survive a lost reader and logging never waits.
 */
export async function openServiceLog(level: string, stdio: ServiceStdio = process): Promise<ServiceLog> {
  outliveLostReader(stdio.stderr);
  const format = stdio.stdout.isTTY ? await readableLogLine() : undefined;
  const output = logOutput(stdio.stdout, {
    maxPendingBytes: maxPendingLogBytes,
    ...(format ? { format } : {}),
  });
  return { logger: createLogger(level, output), drained: () => output.drained() };
}
