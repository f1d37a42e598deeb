import {
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

/**
 * The event-store codec that keeps guests' personal data encrypted at rest (AES-256-GCM under the
 * guest's own data key) and readable everywhere else. Once the guest's key is destroyed, reading
 * yields the same order with "[erased]" in each field it had: views, the API and reprints carry on.
 */
export function createPrivacyCodec(options: PrivacyCodecOptions): EventCodec {
  const source = options.keyring;
  const keyring = typeof source === 'function' ? source : () => source;
  return {
    encode(event) {
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
