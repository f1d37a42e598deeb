import type { FaultMode } from '@bonrelay/printer-emulator';
import { startPrinterEmulator } from '@bonrelay/printer-emulator';
import receiptio from 'receiptio';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

// receiptio is an independent ESC/POS client: if it reads the emulator the way we do, the emulator
// behaves like a printer and not merely like our transport's expectations. It only speaks to port
// 9100, so every case gets a loopback address of its own.
const doc = '^^^KITCHEN\nOrder 1042\n---\n2 | Margherita\n';
const cases: [FaultMode, string, string][] = [
  ['online', '127.0.0.2', 'success'],
  ['paper-end', '127.0.0.3', 'paperempty'],
  ['cover-open', '127.0.0.4', 'coveropen'],
  // Switched off: nothing listens, so the connection fails; receiptio calls that "disconnect".
  ['offline', '127.0.0.5', 'disconnect'],
];

for (const [mode, host, expected] of cases) {
  test(`given the emulator ${mode}, when receiptio prints, then it reports ${expected}`, async () => {
    const printer = await startPrinterEmulator({ host, port: 9100, mode, controlPort: false });
    try {
      assert.is(await receiptio.print(doc, `-d ${host} -p escpos -c 42`), expected);
      if (mode === 'online') {
        const [job] = await printer.waitForJobs(1);
        assert.ok(job?.complete);
        assert.match(job?.text ?? '', 'Margherita');
      } else {
        assert.is(printer.jobs.length, 0);
      }
    } finally {
      await printer.close();
    }
  });
}

test.run();
