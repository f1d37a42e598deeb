import { type Context, Hono } from 'hono';
import type { Answer, BonrelayPorts } from '../ports.ts';

async function jsonBody(c: Context): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const text = await c.req.text();
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function answer(c: Context, result: Answer) {
  return c.json(result.body as object, result.status, result.headers);
}

const notJson = { error: 'bad-json', message: 'the body must be JSON' };

/** The few things a manager may ask bonrelay to do; every one is recorded as an event. */
export function commandRoutes(ports: BonrelayPorts): Hono {
  const app = new Hono();
  app.post('/orders', async (c) => {
    const body = await jsonBody(c);
    return body.ok ? answer(c, ports.createLocalOrder(body.value)) : c.json(notJson, 400);
  });
  app.post('/orders/:id/reprint', async (c) => {
    const body = await jsonBody(c);
    return body.ok ? answer(c, ports.reprintOrder(c.req.param('id'), body.value)) : c.json(notJson, 400);
  });
  app.post('/print-jobs/:id/retry', (c) => answer(c, ports.retryPrintJob(c.req.param('id'))));
  app.post('/print-jobs/test', (c) => answer(c, ports.printTestTicket(c.req.query('printer'))));
  app.post('/connectivity/check', async (c) => answer(c, await ports.checkConnectivity()));
  app.post('/commands/reconcile', async (c) => answer(c, await ports.reconcile()));
  return app;
}
