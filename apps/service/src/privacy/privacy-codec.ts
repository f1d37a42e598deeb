import {
  erased,
  erasedAt,
  type Order,
  type PersonalValues,
  personalValues,
  withoutPersonal,
  withPersonal,
} from '@bonrelay/domain';
import type { EventCodec, NewEvent, StoredEvent } from '@bonrelay/event-store';
import type { Keyring } from './keyring.ts';
import { open, type SealedBox, seal } from './sealed-box.ts';

/** The events that carry a whole order, and so a guest's name, phone, email, address and notes. */
export const orderEventTypes: ReadonlySet<string> = new Set([
  'OrderReceived',
  'OrderApproved',
  'OrderUpdated',
]);

/** What the log holds instead of the personal fields: whose key, which fields, and the ciphertext. */
export interface SealedPersonalData extends SealedBox {
  readonly customerId: string;
  readonly fields: readonly string[];
}

export interface PrivacyCodecOptions {
  /** A function when the keyring can only be opened on the store's connection, after the store. */
  readonly keyring: Keyring | (() => Keyring);
}

type OrderData = { readonly order: Order; readonly sealed?: SealedPersonalData };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

function orderData(event: NewEvent | StoredEvent): OrderData | undefined {
  if (!orderEventTypes.has(event.type) || !isObject(event.data)) return undefined;
  return isObject(event.data.order) ? (event.data as OrderData) : undefined;
}

function isSealed(value: unknown): value is SealedPersonalData {
  return (
    isObject(value) &&
    typeof value.customerId === 'string' &&
    Array.isArray(value.fields) &&
    typeof value.iv === 'string' &&
    typeof value.tag === 'string' &&
    typeof value.data === 'string'
  );
}

/** Binds the ciphertext to its event, guest and field list: a box moved elsewhere will not open. */
const boxContext = (eventId: string, customerId: string, fields: readonly string[]) =>
  `${eventId}\n${customerId}\n${fields.join(',')}`;

/** A delivery we could not read: its raw body is the whole signed order, the guest's details included. */
const unreadableType = 'OrderUnreadable';
const bodyFields: readonly string[] = ['body'];

type UnreadableData = { readonly webhookId: string; readonly orderId?: string; readonly body?: unknown };

/**
 * Filed under the order's own pseudonym (the delivery's, when it named no order), the one
 * `bonrelay forget <order id>` destroys; for a guest without email or phone it is also their key.
 */
const bodySubject = (data: UnreadableData) => data.orderId ?? data.webhookId;

function sealBody(event: NewEvent, ring: Keyring): NewEvent {
  const data = event.data as UnreadableData;
  if (!isObject(data) || typeof data.body !== 'string') return event;
  const { body, ...rest } = data;
  const customerId = ring.customerIdForQuery(bodySubject(data));
  const plaintext = Buffer.from(body, 'utf8');
  const box = seal(ring.dataKeyFor(customerId), plaintext, boxContext(event.id, customerId, bodyFields));
  const sealed: SealedPersonalData = { customerId, fields: bodyFields, ...box };
  return { ...event, data: { ...rest, sealed } };
}

function openBody(event: StoredEvent, ring: Keyring): StoredEvent {
  const data = event.data as { readonly sealed?: unknown };
  if (!isObject(data) || !isSealed(data.sealed)) return event;
  const { sealed, ...rest } = data;
  const key = ring.existingKeyFor(sealed.customerId);
  const opened = key && open(key, sealed, boxContext(event.id, sealed.customerId, sealed.fields));
  return { ...event, data: { ...rest, body: opened ? opened.toString('utf8') : erased } };
}

/**
 * The event-store codec that keeps guests' personal data encrypted at rest (AES-256-GCM under the
 * guest's own data key) and readable everywhere else. Once the guest's key is destroyed, reading
 * yields the same order with "[erased]" in each field it had: views, the API and reprints carry on.
 * The raw body of an unreadable delivery is sealed whole, the same way.
 */
export function createPrivacyCodec(options: PrivacyCodecOptions): EventCodec {
  const source = options.keyring;
  const keyring = typeof source === 'function' ? source : () => source;
  return {
    encode(event) {
      if (event.type === unreadableType) return sealBody(event, keyring());
      const data = orderData(event);
      if (data === undefined) return event;
      const values = personalValues(data.order);
      const fields = Object.keys(values);
      if (fields.length === 0) return event;
      const ring = keyring();
      const customerId = ring.customerIdOf(data.order);
      const plaintext = Buffer.from(JSON.stringify(values), 'utf8');
      const box = seal(ring.dataKeyFor(customerId), plaintext, boxContext(event.id, customerId, fields));
      const sealed: SealedPersonalData = { customerId, fields, ...box };
      return { ...event, data: { ...data, order: withoutPersonal(data.order, fields), sealed } };
    },
    decode(event) {
      if (event.type === unreadableType) return openBody(event, keyring());
      const data = orderData(event);
      if (data === undefined || !isSealed(data.sealed)) return event;
      const { sealed, ...rest } = data;
      const key = keyring().existingKeyFor(sealed.customerId);
      const opened = key && open(key, sealed, boxContext(event.id, sealed.customerId, sealed.fields));
      const order = opened
        ? withPersonal(rest.order, JSON.parse(opened.toString('utf8')) as PersonalValues)
        : erasedAt(rest.order, sealed.fields);
      return { ...event, data: { ...rest, order, customerId: sealed.customerId } };
    },
  };
}
