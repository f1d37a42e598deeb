import { Hono } from 'hono';
import { parseListQuery } from '../list-query.ts';
import type { BonrelayPorts, ListQuery, Page } from '../ports.ts';

type Lister = (ports: BonrelayPorts, query: ListQuery) => Page<unknown>;

function listRoute(
  app: Hono,
  ports: BonrelayPorts,
  path: string,
  noun: string,
  filters: string[],
  list: Lister,
) {
  app.get(path, (c) => {
    const parsed = parseListQuery(c.req.query(), filters);
    if (!parsed.ok) return c.json({ error: 'bad-query', message: parsed.message }, 400);
    const page = list(ports, parsed.query);
    return c.json({ [noun]: page.items, next: page.next });
  });
}

/** The read-only JSON views a manager, a tablet or a monitoring tool asks for. */
export function queryRoutes(ports: BonrelayPorts): Hono {
  const app = new Hono();
  listRoute(app, ports, '/api/orders', 'orders', ['state', 'source'], (p, q) => p.listOrders(q));
  app.get('/api/orders/:id', (c) => {
    const order = ports.orderById(c.req.param('id'));
    return order ? c.json(order) : c.json({ error: 'not-found', message: 'no such order' }, 404);
  });
  listRoute(app, ports, '/api/print-jobs', 'printJobs', ['state', 'printer', 'order'], (p, q) =>
    p.listPrintJobs(q),
  );
  app.get('/api/print-jobs/:id/preview.svg', (c) => {
    const svg = ports.ticketPreview(c.req.param('id'));
    return svg ? c.body(svg, 200, { 'content-type': 'image/svg+xml' }) : c.json({ error: 'not-found' }, 404);
  });
  listRoute(app, ports, '/api/offline-periods', 'offlinePeriods', ['from', 'to', 'component'], (p, q) =>
    p.offlinePeriods(q),
  );
  listRoute(app, ports, '/api/unreadable-orders', 'unreadableOrders', [], (p, q) => p.unreadableOrders(q));
  listRoute(app, ports, '/api/events', 'events', ['from', 'to', 'type', 'after'], (p, q) => p.listEvents(q));
  app.get('/connectivity/status', (c) => c.json(ports.connectivityStatus()));
  listRoute(app, ports, '/connectivity/events', 'events', ['from', 'to'], (p, q) => p.connectivityEvents(q));
  app.get('/offline/queue/status', (c) => c.json(ports.queueStatus()));
  return app;
}
