import { createServer, type Server, type Socket } from 'node:net';
import { startPrinterEmulator } from '@bonrelay/printer-emulator';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { queryPrinterStatus, sendPrintJob } from '../src/index.ts';

const quick = { connectTimeoutMs: 300, statusTimeoutMs: 150, completionTimeoutMs: 300 };
const text = (s: string) => Buffer.from(`${s}\n`, 'latin1');

/** A hand-written printer for behaviour the emulator has no mode for. */
async function fakePrinter(
  onData: (socket: Socket, chunk: Buffer) => void,
  onConnect?: (socket: Socket) => void,
) {
  const sockets = new Set<Socket>();
  const server: Server = createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('data', (chunk) => onData(socket, chunk));
    onConnect?.(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    address: { kind: 'tcp' as const, host: '127.0.0.1', port },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const isStatusRequest = (chunk: Buffer) => chunk[0] === 0x10 && chunk[1] === 0x04;

test('given an empty job, when sent, then it is refused without touching the printer', async () => {
  const outcome = await sendPrintJob({ kind: 'tcp', host: '127.0.0.1', port: 1 }, Buffer.alloc(0), quick);
  assert.equal(outcome, {
    ok: false,
    failure: 'error',
    detail: 'refused to send an empty job',
    reachedPrinter: false,
  });
});

test('given a job without GS r, when sent, then one is appended and its reply confirms the job', async () => {
  const printer = await startPrinterEmulator({ controlPort: false });
  try {
    const outcome = await sendPrintJob(
      { kind: 'tcp' as const, host: printer.host, port: printer.port },
      text('Table 4'),
      quick,
    );
    assert.is(outcome.ok && outcome.confirmation, 'confirmed');
    const [job] = await printer.waitForJobs(1);
    assert.equal([...(job?.bytes.subarray(-3) ?? [])], [0x1d, 0x72, 0x31]);
  } finally {
    await printer.close();
  }
});

test('given a job that asks for ASB and a process id, when sent, then those replies are not taken for completion', async () => {
  const printer = await startPrinterEmulator({ controlPort: false });
  try {
    const processId = Buffer.from([0x1d, 0x28, 0x48, 0x06, 0x00, 0x30, 0x30, 0x31, 0x32, 0x33, 0x34]);
    const job = Buffer.concat([Buffer.from([0x1d, 0x61, 0xff]), text('Table 5'), processId]);
    const outcome = await sendPrintJob(
      { kind: 'tcp' as const, host: printer.host, port: printer.port },
      job,
      quick,
    );
    assert.is(outcome.ok && outcome.confirmation, 'confirmed');
  } finally {
    await printer.close();
  }
});

test('given a printer that runs out of paper mid-job, when the confirmation does not come, then the failure says paper-end', async () => {
  let rounds = 0;
  const printer = await fakePrinter((socket, chunk) => {
    if (!isStatusRequest(chunk)) return;
    rounds++;
    socket.write(rounds === 1 ? Buffer.from([0x12, 0x12, 0x12]) : Buffer.from([0x1a, 0x32, 0x7e]));
  });
  try {
    const outcome = await sendPrintJob(printer.address, text('Table 6'), quick);
    assert.equal(outcome, {
      ok: false,
      failure: 'paper-end',
      detail: 'printer stopped mid-job: paper-end',
      reachedPrinter: true,
    });
  } finally {
    await printer.close();
  }
});

test('given a printer that hangs up right after connecting, when sent or probed, then nothing was sent', async () => {
  const printer = await fakePrinter(
    () => {},
    (socket) => socket.end(),
  );
  try {
    const outcome = await sendPrintJob(printer.address, text('Table 7'), quick);
    assert.is(!outcome.ok && outcome.failure, 'reset-mid-job');
    assert.is(!outcome.ok && outcome.reachedPrinter, false);
    const probe = await queryPrinterStatus(printer.address, quick);
    assert.equal(probe.reachable ? probe : probe.failure, 'unreachable');
  } finally {
    await printer.close();
  }
});

test('given a printer that closes after the job without confirming, then the job may be lost: reset-mid-job', async () => {
  const printer = await fakePrinter((socket, chunk) => {
    if (isStatusRequest(chunk)) socket.write(Buffer.from([0x12, 0x12, 0x12]));
    else socket.end();
  });
  try {
    const outcome = await sendPrintJob(printer.address, text('Table 8'), quick);
    assert.is(!outcome.ok && outcome.failure, 'reset-mid-job');
    assert.is(!outcome.ok && outcome.reachedPrinter, true);
  } finally {
    await printer.close();
  }
});

test('given a mute printer that resets instead of closing, when a job is sent, then it is reset-mid-job', async () => {
  const printer = await fakePrinter(
    () => {},
    (socket) => socket.on('end', () => socket.resetAndDestroy()),
  );
  try {
    const outcome = await sendPrintJob(printer.address, text('Table 9'), quick);
    assert.is(!outcome.ok && outcome.failure, 'reset-mid-job');
  } finally {
    await printer.close();
  }
});

test('given an error byte, when probed, then DLE EOT 3 is asked too and the printer is in error', async () => {
  const asked: number[] = [];
  const printer = await fakePrinter((socket, chunk) => {
    for (let i = 0; i + 2 < chunk.length; i += 3) {
      const n = chunk[i + 2] as number;
      asked.push(n);
      socket.write(Buffer.from([n === 2 ? 0x52 : n === 3 ? 0x32 : 0x12]));
    }
  });
  try {
    const { latencyMs: _, ...probe } = await queryPrinterStatus(printer.address, quick);
    assert.equal(probe, { reachable: true, status: 'error', answered: true });
    assert.equal(asked, [1, 2, 4, 3]);
  } finally {
    await printer.close();
  }
});

test.run();
