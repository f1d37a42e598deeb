// Child entry: the emulated printer as a device of its own. In the bench's process it would answer
// status and completion requests only between the load generator's callbacks, and every round trip
// of the print path would measure autocannon. BENCH_PRINTER_MODE sets the starting fault mode
// (default online). Run through `startChild`.
import { writeFileSync } from 'node:fs';
import { type FaultMode, isFaultMode, startPrinterEmulator } from '@bonrelay/printer-emulator';
import { answerParent } from './child-process.ts';
import { peakRssBytes } from './memory.ts';

const mode = process.env.BENCH_PRINTER_MODE ?? 'online';
if (!isFaultMode(mode)) throw new Error(`BENCH_PRINTER_MODE ${mode} is not a fault mode`);
const emulator = await startPrinterEmulator({ controlPort: false, mode });
let firstJobAt: number | undefined;
emulator.onJob(() => {
  firstJobAt ??= Date.now();
});

answerParent(
  {
    stats: () => ({ printed: emulator.jobs.length, firstJobAt, peakRss: peakRssBytes() }),
    // A new measurement starts: `firstJobAt` will be the next ticket's arrival.
    reset: () => {
      firstJobAt = undefined;
      return { printed: emulator.jobs.length };
    },
    mode: async (message) => {
      await emulator.setMode(message.mode as FaultMode);
      return { mode: emulator.mode };
    },
    // The bytes each job brought, length-prefixed in one file: the drain floor sends exactly these.
    save: (message) => {
      const parts = emulator.jobs.flatMap((job) => {
        const length = Buffer.alloc(4);
        length.writeUInt32BE(job.bytes.length);
        return [length, job.bytes];
      });
      writeFileSync(String(message.file), Buffer.concat(parts));
      return { jobs: emulator.jobs.length };
    },
  },
  () => emulator.close(),
  { url: emulator.url, host: emulator.host, port: emulator.port },
);
