import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventToAppend, eventToAppend, type Order, streams } from '@bonrelay/domain';
import { normaliseOrder } from '@bonrelay/wix';
import { wixOrderFixtures } from '@bonrelay/wix-fake';
import { openPrivateEventStore, type PrivateEventStore } from '../../src/privacy/index.ts';

/** A clock that ticks one second per reading, from a Friday evening service. */
export function steppingClock(start = '2025-03-14T18:00:00.000Z'): () => Date {
  let now = Date.parse(start);
  return () => {
    const at = new Date(now);
    now += 1000;
    return at;
  };
}

export interface TempPrivateLog extends PrivateEventStore {
  readonly dir: string;
  readonly file: string;
  readonly masterKey: Buffer;
  reopen(): PrivateEventStore;
  done(): void;
}

/** A real SQLite file in a temp dir, opened with the privacy codec; `done()` removes it all. */
export function tempPrivateLog(): TempPrivateLog {
  const dir = mkdtempSync(join(tmpdir(), 'bonrelay-privacy-'));
  const file = join(dir, 'bonrelay.db');
  const masterKey = randomBytes(32);
  const opened = openPrivateEventStore({ file, clock: steppingClock() }, masterKey);
  return {
    ...opened,
    dir,
    file,
    masterKey,
    reopen: () => openPrivateEventStore({ file, clock: steppingClock() }, masterKey),
    done: () => {
      opened.store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Whether the bytes appear anywhere in the database file or its WAL, as the disk holds them. */
export function fileHolds(file: string, needle: string | Buffer): boolean {
  const bytes = typeof needle === 'string' ? Buffer.from(needle, 'utf8') : needle;
  return [file, `${file}-wal`].some((path) => existsSync(path) && readFileSync(path).includes(bytes));
}

/** Every Wix fixture as bonrelay's order, the shapes real guests send. */
export function wixOrders(): Order[] {
  return Object.values(wixOrderFixtures).map((raw) => {
    const result = normaliseOrder(raw, 'wix');
    if (!result.ok) throw new Error(result.problem);
    return result.order;
  });
}

/** A delivery order typed in locally, with every personal field set. */
export function localOrder(id: string, guest: { name: string; phone: string; email?: string }): Order {
  const [firstName, lastName] = guest.name.split(' ');
  return {
    id,
    source: 'local',
    status: 'APPROVED',
    createdAt: '2025-03-14T17:55:00.000Z',
    currency: 'EUR',
    fulfilment: {
      kind: 'delivery',
      wanted: { kind: 'asap' },
      address: { line: `${lastName}weg 12`, city: 'Berlin', postalCode: '10999', country: 'DE' },
      instructions: `Hinterhof, bei ${lastName} klingeln`,
    },
    customer: { firstName, lastName, phone: guest.phone, ...(guest.email ? { email: guest.email } : {}) },
    lineItems: [{ name: 'Pizza Margherita', quantity: 1, unitPrice: 950, linePrice: 950, options: [] }],
    note: `${firstName} mag es scharf`,
    totals: { subtotal: 950, shipping: 250, tax: 0, discount: 0, total: 1200 },
  };
}

/** How an order enters the log: received, then approved (as a webhook pair does). */
export function receivedAndApproved(order: Order): EventToAppend[] {
  return [
    eventToAppend('OrderReceived', streams.order(order.id), `order-received:${order.id}`, { order }),
    eventToAppend('OrderApproved', streams.order(order.id), `order-approved:${order.id}`, {
      orderId: order.id,
      order,
    }),
  ];
}
