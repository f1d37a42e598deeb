import type { PersonalValues } from '@bonrelay/domain';

/** Whose personal fields these are: the order they belong to and the guest's pseudonym. */
export interface Guest {
  readonly orderId: string;
  readonly customerId?: string;
}

/**
 * How the orders table keeps a guest's personal fields on disk. The service seals them with the
 * guest's own data key, so destroying that key (forget) makes every stored copy unreadable; this
 * package stays free of keys and ciphers. `open` never fails: what cannot be opened any more reads
 * `[erased]` in each field.
 */
export interface PersonalDataSealer {
  seal(values: PersonalValues, guest: Guest): string;
  open(stored: string, guest: Guest): PersonalValues;
}

/** Keeps personal fields as plain JSON: for logs without a master key, and for specifications. */
export const plainPersonalData: PersonalDataSealer = {
  seal: (values) => JSON.stringify(values),
  open: (stored) => JSON.parse(stored) as PersonalValues,
};
