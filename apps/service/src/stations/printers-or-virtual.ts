import { join } from 'node:path';
import { type PrinterEmulator, startPrinterEmulator } from '@bonrelay/printer-emulator';
import type { Config, PrinterConfig } from '../config/index.ts';
import type { Logger } from '../logger.ts';

/**
 * The configured printers, or — when there are none — the built-in virtual printer, so a new user
 * sees tickets (as text files in `<dataDir>/virtual-printer/`) before buying any hardware.
 */
export async function printersOrVirtual(
  config: Config,
  logger: Logger,
): Promise<{ printers: readonly PrinterConfig[]; virtualPrinter: PrinterEmulator | undefined }> {
  if (config.printers.length > 0) return { printers: config.printers, virtualPrinter: undefined };
  const tickets = join(config.dataDir, 'virtual-printer');
  const virtualPrinter = await startPrinterEmulator({
    host: config.virtualPrinter.host,
    port: config.virtualPrinter.port,
    controlPort: false,
    jobsDir: tickets,
  });
  logger.info(
    { url: virtualPrinter.url, tickets },
    'no printer configured: printing to the built-in virtual printer',
  );
  return {
    printers: [
      { name: 'virtual', url: virtualPrinter.url, family: 'epson', cpl: 48, encoding: 'multilingual' },
    ],
    virtualPrinter,
  };
}
