import { constants } from 'node:fs';
import { access, mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PrinterStatus } from '@bonrelay/domain';
import { type PaperSettings, toPlainText } from '../tickets/output.ts';
import type { PrintOutcome } from './send-print-job.ts';

/** How the virtual printer is, in the same terms a network printer's status probe uses. */
export interface VirtualPrinterStatus {
  readonly status: Extract<PrinterStatus, 'online' | 'error'>;
  readonly latencyMs: number;
  readonly reason: string;
}

/** The built-in printer of a restaurant that has none yet: its paper is a directory of text files. */
export interface VirtualPrinter {
  readonly ticketsDir: string;
  /** Writes the ticket as a text file; confirmed once the whole file is in place. Never throws. */
  print(document: string, paper: PaperSettings, jobId: string): Promise<PrintOutcome>;
  /** Online while tickets can be written to the directory. Never throws. */
  status(): Promise<VirtualPrinterStatus>;
}

const elapsedSince = (started: number) => Math.round((performance.now() - started) * 10) / 10;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A file name that sorts in print order and says which job it was, whatever the job id holds. */
function ticketFileName(printedAt: Date, jobId: string): string {
  const stamp = printedAt.toISOString().replaceAll(':', '-');
  return `${stamp}-${jobId.replace(/[^A-Za-z0-9._-]+/g, '_')}.txt`;
}

/**
 * The printer `npm start` prints to when none is configured, so a newcomer reads real tickets
 * (rendered as plain monospace text) in `ticketsDir` before buying hardware. A ticket is written
 * under a hidden name and renamed, so whoever watches the directory never reads half of one.
 */
export function createVirtualPrinter(
  ticketsDir: string,
  clock: () => Date = () => new Date(),
): VirtualPrinter {
  return {
    ticketsDir,
    print: async (document, paper, jobId) => {
      const started = performance.now();
      try {
        const text = toPlainText(document, paper);
        const name = ticketFileName(clock(), jobId);
        await mkdir(ticketsDir, { recursive: true });
        const partial = join(ticketsDir, `.${name}.partial`);
        await writeFile(partial, text);
        await rename(partial, join(ticketsDir, name));
        return { ok: true, confirmation: 'confirmed', latencyMs: elapsedSince(started) };
      } catch (error) {
        return {
          ok: false,
          failure: 'error',
          detail: `virtual printer could not write to ${ticketsDir}: ${messageOf(error)}`,
          reachedPrinter: false,
        };
      }
    },
    status: async () => {
      const started = performance.now();
      try {
        await mkdir(ticketsDir, { recursive: true });
        await access(ticketsDir, constants.W_OK);
        return {
          status: 'online',
          latencyMs: elapsedSince(started),
          reason: `writes tickets to ${ticketsDir}`,
        };
      } catch (error) {
        return { status: 'error', latencyMs: elapsedSince(started), reason: messageOf(error) };
      }
    },
  };
}
