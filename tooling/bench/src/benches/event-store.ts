import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Database, type EventStore, type NewEvent, openEventStore } from '@bonrelay/event-store';
import { getSQLiteEventStore } from '@event-driven-io/emmett-sqlite';
import { numberArg } from '../support/args.ts';
import { formatRate, formatRatio, markdownTable } from '../support/table.ts';
import { temporaryDirectory } from '../support/temp-dir.ts';
import { fastestOf, perSecond, type Timing, timeAsync, timeSync } from '../support/timing.ts';

// The bench package has better-sqlite3 but not its typings; the store's exported Database type covers it.
const BetterSqlite3 = createRequire(import.meta.url)('better-sqlite3') as new (
  file: string,
  options?: { readonly?: boolean },
) => Database;

/** A placed order as it lands in the log: about 400 bytes of JSON, like a small Wix order. */
function orderPlaced(index: number, stream: string): NewEvent {
  return {
    id: `order-received:${stream}:${index}`,
    stream,
    type: 'OrderReceived',
    data: {
      order: {
        id: `wix-${index}`,
        number: 1000 + index,
        lines: [
          { name: 'Pho bo', quantity: 2, price: 1290, options: ['extra herbs'] },
          { name: 'Spring rolls', quantity: 1, price: 650, options: [] },
          { name: 'Iced coffee', quantity: 2, price: 420, options: ['no sugar'] },
        ],
        customer: { name: 'Ada Lovelace', phone: '+49 30 1234567' },
        fulfilment: { kind: 'delivery', address: 'Hauptstrasse 1, 10115 Berlin' },
      },
    },
    metadata: { correlationId: `wix-${index}`, source: 'wix' },
  };
}

/** The floor: the same schema, triggers and pragmas, written with one prepared INSERT and nothing else. */
function openFloor(file: string) {
  openEventStore({ file }).close();
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  const insert = db.prepare(
    `INSERT INTO events (id, stream, stream_version, type, schema_version, data, metadata, recorded_at, hash)
     VALUES (?, ?, ?, 'OrderReceived', 1, ?, ?, ?, ?)`,
  );
  const versions = new Map<string, number>();
  const hash = '0'.repeat(64);
  const write = db.transaction((events: readonly NewEvent[]) => {
    const recordedAt = new Date().toISOString();
    for (const event of events) {
      const version = (versions.get(event.stream) ?? 0) + 1;
      versions.set(event.stream, version);
      insert.run(
        event.id,
        event.stream,
        version,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        recordedAt,
        hash,
      );
    }
  });
  return { db, append: (events: readonly NewEvent[]) => write.immediate(events) };
}

interface FloorRow {
  data: string;
  metadata: string;
}

function floorReads(db: Database) {
  const page = db.prepare<[number, number], FloorRow & { position: number }>(
    'SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?',
  );
  const stream = db.prepare<[string], FloorRow>(
    'SELECT * FROM events WHERE stream = ? ORDER BY stream_version',
  );
  const scan = db.prepare<[], FloorRow>('SELECT * FROM events ORDER BY position');
  const parse = (row: FloorRow) => ({
    ...row,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
  });
  return {
    readAll(pageSize: number): number {
      let after = 0;
      let count = 0;
      for (let rows = page.all(after, pageSize); rows.length > 0; rows = page.all(after, pageSize)) {
        for (const row of rows) parse(row);
        count += rows.length;
        after = rows[rows.length - 1]!.position;
      }
      return count;
    },
    readStream: (name: string) => stream.all(name).map(parse),
    scan(): number {
      let count = 0;
      for (const row of scan.iterate()) {
        parse(row);
        count += 1;
      }
      return count;
    },
  };
}

/** `count` events in batches of `size`, spread over `streams` streams. */
function batches(label: string, count: number, size: number, streams: number): NewEvent[][] {
  const all = Array.from({ length: count }, (_, index) => orderPlaced(index, `${label}-${index % streams}`));
  return Array.from({ length: Math.ceil(count / size) }, (_, index) =>
    all.slice(index * size, (index + 1) * size),
  );
}

interface Row {
  operation: string;
  ours: Timing;
  floor: Timing;
  emmett?: Timing;
}

const rounds = 3;

const forEmmett = (batch: readonly NewEvent[]) =>
  batch.map((event) => ({
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: event.metadata,
  }));

async function appendRows(dir: string, appends: number, peerAppends: number): Promise<Row[]> {
  const rows: Row[] = [];
  for (const size of [1, 10, 100]) {
    const scale = size === 1 ? 1 : size === 10 ? 2 : 5;
    const events = appends * scale;
    const floorTiming = await fastestOf(rounds, (round) => {
      const work = batches(`floor-${size}-${round}`, events, size, 50);
      const floor = openFloor(join(dir, `floor-${size}-${round}.db`));
      const timing = timeSync(events, () => {
        for (const batch of work) floor.append(batch);
      });
      floor.db.close();
      return timing;
    });
    const oursTiming = await fastestOf(rounds, (round) => {
      const work = batches(`ours-${size}-${round}`, events, size, 50);
      const store = openEventStore({ file: join(dir, `ours-${size}-${round}.db`) });
      const timing = timeSync(events, () => {
        for (const batch of work) store.append(batch);
      });
      store.close();
      return timing;
    });
    const emmettTiming = await fastestOf(rounds, async (round) => {
      const emmett = getSQLiteEventStore({ fileName: join(dir, `emmett-${size}-${round}.db`) });
      const work = batches(`emmett-${size}-${round}`, peerAppends * scale, size, 50);
      return timeAsync(peerAppends * scale, async () => {
        for (const batch of work) await emmett.appendToStream(batch[0]!.stream, forEmmett(batch));
      });
    });
    rows.push({
      operation: `append, ${size} event${size === 1 ? '' : 's'}/transaction (events/s)`,
      ours: oursTiming,
      floor: floorTiming,
      emmett: emmettTiming,
    });
  }
  return rows;
}

async function readRows(dir: string, events: number, streamReads: number): Promise<Row[]> {
  const file = join(dir, 'big.db');
  const fill = openEventStore({ file });
  const streamSize = 100;
  for (let start = 0; start < events; start += 1000) {
    fill.append(
      Array.from({ length: Math.min(1000, events - start) }, (_, offset) => {
        const index = start + offset;
        return orderPlaced(index, `order-${Math.floor(index / streamSize)}`);
      }),
    );
  }
  fill.close();
  const streamNames = Array.from(
    { length: Math.min(streamReads, Math.ceil(events / streamSize)) },
    (_, index) => `order-${index}`,
  );

  const raw = new BetterSqlite3(file, { readonly: true });
  const floor = floorReads(raw);
  const store: EventStore = openEventStore({ file });
  const readFloor = await fastestOf(rounds, () => timeSync(events, () => floor.readAll(1000)));
  const readOurs = timeSync(events, () => {
    let after = 0;
    for (
      let page = store.read({ after, limit: 1000 });
      page.length > 0;
      page = store.read({ after, limit: 1000 })
    ) {
      after = page[page.length - 1]!.position;
    }
  });
  const streamEvents = streamNames.length * streamSize;
  const streamFloor = await fastestOf(rounds, () =>
    timeSync(streamEvents, () => {
      for (const name of streamNames) floor.readStream(name);
    }),
  );
  const streamOurs = await fastestOf(rounds, () =>
    timeSync(streamEvents, () => {
      for (const name of streamNames) store.readStream(name);
    }),
  );
  const scanFloor = await fastestOf(rounds, () => timeSync(events, () => floor.scan()));
  const liveOurs = await fastestOf(rounds, () =>
    timeAsync(
      events,
      () =>
        new Promise<void>((resolve, reject) => {
          const subscription = store.live(0).subscribe({
            next: (event) => {
              if (event.position < events) return;
              subscription?.unsubscribe();
              resolve();
            },
            error: reject,
          });
        }),
    ),
  );
  raw.close();
  store.close();

  const emmett = getSQLiteEventStore({ fileName: join(dir, 'emmett-streams.db') });
  for (const name of streamNames) {
    const stream = Array.from({ length: streamSize }, (_, offset) => orderPlaced(offset, name));
    await emmett.appendToStream(
      name,
      stream.map((event) => ({
        type: event.type,
        data: event.data as Record<string, unknown>,
        metadata: event.metadata,
      })),
    );
  }
  const streamEmmett = await fastestOf(rounds, () =>
    timeAsync(streamEvents, async () => {
      for (const name of streamNames) await emmett.readStream(name);
    }),
  );

  return [
    { operation: 'read by position, pages of 1000 (events/s)', ours: readOurs, floor: readFloor },
    {
      operation: `readStream, ${streamSize}-event streams (events/s)`,
      ours: streamOurs,
      floor: streamFloor,
      emmett: streamEmmett,
    },
    {
      operation: `live() catch-up over ${events.toLocaleString('en-US')} events vs raw scan (events/s)`,
      ours: liveOurs,
      floor: scanFloor,
    },
  ];
}

/**
 * How far the store's guarantees (hash chain, idempotency, stream versions, upcasting, a gap-free
 * live tail) put it from raw better-sqlite3 on the same schema, and where it stands against a peer
 * event store (emmett-sqlite). Args: `--events N` (log size for reads and live catch-up, default
 * 1,000,000), `--appends N` (single-event transactions, default 1000; batches scale from it),
 * `--peer-appends N` (emmett's share, default 200, it is much slower), `--streams N` (readStream count).
 */
export async function run(args: string[]): Promise<void> {
  const events = numberArg(args, '--events', 1_000_000);
  const appends = numberArg(args, '--appends', 1000);
  const peerAppends = numberArg(args, '--peer-appends', 200);
  const streamReads = numberArg(args, '--streams', 200);
  await temporaryDirectory('event-store', async (dir) => {
    const rows = [
      ...(await appendRows(dir, appends, peerAppends)),
      ...(await readRows(dir, events, streamReads)),
    ];
    console.log(`\n### event-store: ours vs raw better-sqlite3 (floor) vs emmett-sqlite 0.38.5\n`);
    console.log(
      markdownTable(
        ['operation', 'ours ops/s', 'floor ops/s', 'ours/floor', 'emmett ops/s', 'ours/emmett'],
        rows.map((row) => {
          const ours = perSecond(row.ours);
          const floor = perSecond(row.floor);
          const emmett = row.emmett === undefined ? undefined : perSecond(row.emmett);
          return [
            row.operation,
            formatRate(ours),
            formatRate(floor),
            formatRatio(ours, floor),
            formatRate(emmett),
            formatRatio(ours, emmett),
          ];
        }),
      ),
    );
    console.log(
      '\nAll on files with WAL + synchronous=FULL (emmett: its own defaults, WAL, one connection per call).',
    );
  });
}
