import { startPrinterEmulator } from '@bonrelay/printer-emulator';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { sendPrintJob } from '../src/index.ts';

test('given the control API, when the mode is read, changed and jobs listed, then it drives the printer', async () => {
  const printer = await startPrinterEmulator();
  try {
    const api = printer.controlUrl as string;
    assert.match(api, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(await (await fetch(`${api}/mode`)).json(), { mode: 'online' });

    const put = await fetch(`${api}/mode`, { method: 'PUT', body: JSON.stringify({ mode: 'paper-end' }) });
    assert.is(put.status, 200);
    assert.is(printer.mode, 'paper-end');

    const bad = await fetch(`${api}/mode`, { method: 'PUT', body: JSON.stringify({ mode: 'on fire' }) });
    assert.is(bad.status, 400);
    const garbage = await fetch(`${api}/mode`, { method: 'PUT', body: 'not json' });
    assert.is(garbage.status, 400);

    await fetch(`${api}/mode`, { method: 'PUT', body: JSON.stringify({ mode: 'online' }) });
    await sendPrintJob(
      { kind: 'tcp' as const, host: printer.host, port: printer.port },
      Buffer.from('Table 3\n'),
      {
        connectTimeoutMs: 300,
        statusTimeoutMs: 200,
        completionTimeoutMs: 500,
      },
    );
    const listed = (await (await fetch(`${api}/jobs`)).json()) as {
      jobs: { text: string; complete: boolean }[];
    };
    assert.is(listed.jobs.length, 1);
    assert.match(listed.jobs[0]?.text ?? '', 'Table 3');
    assert.is(listed.jobs[0]?.complete, true);
    assert.is((await fetch(`${api}/nowhere`)).status, 404);
  } finally {
    await printer.close();
  }
});

test('given a printer started offline, when switched on, then it listens on the port it reserved', async () => {
  const printer = await startPrinterEmulator({ mode: 'offline', controlPort: false });
  try {
    assert.ok(printer.port > 0);
    assert.is(printer.url, `tcp://127.0.0.1:${printer.port}`);
    await printer.setMode('online');
    await sendPrintJob(
      { kind: 'tcp' as const, host: printer.host, port: printer.port },
      Buffer.from('hello\n'),
      {
        connectTimeoutMs: 300,
        statusTimeoutMs: 200,
        completionTimeoutMs: 500,
      },
    );
    assert.is((await printer.waitForJobs(1)).length, 1);
    await printer.waitForJobs(5, 20).then(
      () => assert.unreachable('only one job was sent'),
      (error: Error) => assert.match(error.message, '1 of 5 jobs'),
    );
  } finally {
    await printer.close();
  }
});

test.run();
