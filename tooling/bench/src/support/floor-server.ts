// Child entry: the ingress floor. A bare server that stores each raw body as one row of the event
// log's own schema (WAL, synchronous=FULL) and answers 200: no verifying, no parsing, no projections.
// BENCH_FLOOR=node (default): node:http alone; BENCH_FLOOR=hono: a bare hono route on
// @hono/node-server. Run through `startChild` with BENCH_DB set.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { type Database, openEventStore } from '@bonrelay/event-store';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { answerParent } from './child-process.ts';
import { peakRssBytes } from './memory.ts';

const BetterSqlite3 = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => Database;
const file = process.env.BENCH_DB as string;
openEventStore({ file }).close();
const db = new BetterSqlite3(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
const insert = db.prepare(
  `INSERT INTO events (id, stream, stream_version, type, schema_version, data, metadata, recorded_at, hash)
   VALUES (?, ?, 1, 'WebhookReceived', 1, ?, '{}', ?, ?)`,
);
const hash = '0'.repeat(64);
let received = 0;

function store(body: string): void {
  received += 1;
  insert.run(
    `floor-${received}`,
    `webhook-${received}`,
    JSON.stringify(body),
    new Date().toISOString(),
    hash,
  );
}

function honoServer() {
  const app = new Hono();
  app.post('/webhooks/wix', async (c) => {
    store(await c.req.text());
    return c.json({ ok: true });
  });
  return serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
}

function nodeServer() {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      store(Buffer.concat(chunks).toString('utf8'));
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  server.listen(0, '127.0.0.1');
  return server;
}

const server = process.env.BENCH_FLOOR === 'hono' ? honoServer() : nodeServer();
await new Promise<void>((resolve) => server.once('listening', resolve));
const { port } = server.address() as { port: number };

answerParent(
  {
    stats: () => ({
      peakRss: peakRssBytes(),
      rss: process.memoryUsage().rss,
      lastPosition: (db.prepare('SELECT max(position) AS n FROM events').get() as { n: number }).n,
    }),
  },
  async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    db.close();
  },
  { url: `http://127.0.0.1:${port}` },
);
