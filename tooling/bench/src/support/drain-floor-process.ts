// Child entry: the drain floor. Sends the tickets in BENCH_JOBS_FILE (length-prefixed, as the printer
// child saved them) to the printer at BENCH_PRINTER_HOST:BENCH_PRINTER_PORT back to back, each the
// way the guarantee needs it and no more: ask DLE EOT status, write the ticket (it ends with GS r),
// wait for the GS r answer, then record the job with one INSERT in the event log's own schema
// (WAL, synchronous=FULL). Run through `startChild`.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect, type Socket } from 'node:net';
import { type Database, openEventStore } from '@bonrelay/event-store';
import { answerParent } from './child-process.ts';
import { peakRssBytes } from './memory.ts';

const BetterSqlite3 = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => Database;
const statusRequest = Buffer.from([0x10, 0x04, 0x01]);

function savedTickets(file: string): Buffer[] {
  const all = readFileSync(file);
  const tickets: Buffer[] = [];
  for (let at = 0; at < all.length; ) {
    const length = all.readUInt32BE(at);
    tickets.push(all.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return tickets;
}

/** Resolves with the next `count` bytes the printer sends. */
function reply(socket: Socket, count: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let received = 0;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received < count) return;
      socket.off('data', onData);
      socket.off('error', reject);
      resolve();
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}

function opened(host: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, host, () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

async function printOn(socket: Socket, ticket: Buffer): Promise<void> {
  const status = reply(socket, 1);
  socket.write(statusRequest);
  await status;
  const done = reply(socket, 1);
  socket.write(ticket);
  await done;
}

function closed(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    socket.once('close', () => resolve());
    socket.end();
  });
}

const file = process.env.BENCH_DB as string;
openEventStore({ file }).close();
const db = new BetterSqlite3(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
const insert = db.prepare(
  `INSERT INTO events (id, stream, stream_version, type, schema_version, data, metadata, recorded_at, hash)
   VALUES (?, ?, 1, 'PrintJobPrinted', 1, '{}', '{}', ?, ?)`,
);
const hash = '0'.repeat(64);
let recorded = 0;
const record = () => {
  recorded += 1;
  insert.run(`floor-${recorded}`, `print-job-${recorded}`, new Date().toISOString(), hash);
};

answerParent(
  {
    // `session: 'per-job'` opens a connection for every ticket (as the service does), `'one'` keeps
    // one open for all of them (what no printer client could rely on, the lowest bound).
    run: async (message) => {
      const tickets = savedTickets(process.env.BENCH_JOBS_FILE as string);
      const host = process.env.BENCH_PRINTER_HOST as string;
      const port = Number(process.env.BENCH_PRINTER_PORT);
      const started = performance.now();
      if (message.session === 'one') {
        const socket = await opened(host, port);
        for (const ticket of tickets) {
          await printOn(socket, ticket);
          record();
        }
        await closed(socket);
      } else {
        for (const ticket of tickets) {
          const socket = await opened(host, port);
          await printOn(socket, ticket);
          await closed(socket);
          record();
        }
      }
      return { jobs: tickets.length, ms: performance.now() - started, peakRss: peakRssBytes() };
    },
  },
  async () => {
    db.close();
  },
);
