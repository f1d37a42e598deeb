import { erasedValues, type PersonalValues } from '@bonrelay/domain';
import type { Guest, PersonalDataSealer } from '@bonrelay/views';
import type { Keyring } from './keyring.ts';
import { open, type SealedBox, seal } from './sealed-box.ts';
import type { RowSealer } from './view-sealer.ts';

/** What the orders table's `personal` column holds: which fields, and how they are sealed. */
interface StoredPersonal extends Partial<SealedBox> {
  readonly fields: readonly string[];
  /** Sealed with the site's row key: an order from before encryption, filed under no guest. */
  readonly site?: string;
}

/** Binds a box to its row, guest and fields: copied into another row it no longer opens. */
const boxContext = (guest: Guest, fields: readonly string[]) =>
  `orders\n${guest.orderId}\n${guest.customerId}\n${fields.join(',')}`;

const sitePath = (guest: Guest) => `orders/${guest.orderId}/personal`;

/**
 * Seals an order's personal fields in the orders table with the guest's own data key, the one the
 * log seals them with, so `forget` (which destroys that key) leaves every stored copy unreadable.
 * A guest whose key is gone gets only the field names stored: they read `[erased]`, and no plain
 * text is ever written. Orders logged before encryption name no guest; their fields are sealed
 * with the site's row key instead, as the whole view rows used to be.
 */
export function guestPersonalData(
  keyring: Pick<Keyring, 'existingKeyFor'>,
  site: RowSealer,
): PersonalDataSealer {
  const keyOf = (guest: Guest) =>
    guest.customerId === undefined ? undefined : keyring.existingKeyFor(guest.customerId);
  return {
    seal(values, guest) {
      const fields = Object.keys(values);
      const json = JSON.stringify(values);
      if (guest.customerId === undefined) {
        return JSON.stringify({ fields, site: site.seal(json, sitePath(guest)) });
      }
      const key = keyOf(guest);
      if (key === undefined) return JSON.stringify({ fields });
      return JSON.stringify({ fields, ...seal(key, Buffer.from(json, 'utf8'), boxContext(guest, fields)) });
    },
    open(stored, guest) {
      const box = JSON.parse(stored) as StoredPersonal;
      if (box.site !== undefined) return JSON.parse(site.open(box.site, sitePath(guest))) as PersonalValues;
      const key = box.data === undefined ? undefined : keyOf(guest);
      const opened = key && open(key, box as SealedBox, boxContext(guest, box.fields));
      return opened ? (JSON.parse(opened.toString('utf8')) as PersonalValues) : erasedValues(box.fields);
    },
  };
}

/**
 * Keeps no personal field at all, only their names: for a scratch database an audit folds the past
 * into (`replay`), which counts orders and tickets and has no business holding guests' names.
 */
export const withheldPersonalData: PersonalDataSealer = {
  seal: (values) => JSON.stringify(Object.keys(values)),
  open: (stored) => erasedValues(JSON.parse(stored) as string[]),
};
