import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { eventually, startTestService } from './support/test-service.ts';

const counterOrder = {
  currency: 'EUR',
  fulfilment: { kind: 'pickup' },
  lineItems: [{ name: 'Flammkuchen', quantity: 2, unitPrice: 1150 }],
};

test('given no printer configured, when an order comes in, then its tickets appear as text files in the data dir and the virtual printer is online', async () => {
  const app = await startTestService({ env: { BONRELAY_PRINTER_URL: '' } });
  try {
    const tickets = join(app.dataDir, 'virtual-printer');
    assert.is(app.service.virtualTickets, tickets);
    assert.equal((await app.json<{ printers: string[] }>('/health')).printers, ['virtual']);

    const created = await app.request('POST', '/orders', counterOrder);
    assert.is(created.status, 201);

    const kitchen = await eventually('the kitchen ticket file', () => {
      const files = existsSync(tickets)
        ? readdirSync(tickets).filter((file) => file.endsWith('_kitchen.txt'))
        : [];
      return files[0] && readFileSync(join(tickets, files[0]), 'utf8');
    });
    assert.match(kitchen, /2 x +Flammkuchen/);
    await eventually('the virtual printer to be online', async () => {
      const status = await app.json<{ printers: { printer: string; status: string }[] }>(
        '/connectivity/status',
      );
      return status.printers.find((printer) => printer.printer === 'virtual')?.status === 'online';
    });
    await eventually('the kitchen job to be printed and confirmed', async () => {
      const queue = await app.json<{ byState: Record<string, number> }>('/offline/queue/status');
      return (queue.byState.printed ?? 0) >= 1;
    });
  } finally {
    await app.stop();
  }
});

test.run();
