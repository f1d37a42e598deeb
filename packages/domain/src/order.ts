/**
 * The restaurant's view of an order, whatever its source (a Wix webhook, a reconciliation search,
 * or a tablet on the LAN). Everything downstream — tickets, priorities, views — reads this shape,
 * never Wix's. Money is integer minor units (cents) so no float ever touches a price.
 */
export type MinorUnits = number;

/** Where the order came from; `local` orders were typed in while Wix was unreachable. */
export type OrderSource = 'wix' | 'local' | 'reconciliation';

/** How the guest gets the food. Unknown Wix shapes stay `unknown` rather than guessed. */
export type FulfilmentKind = 'pickup' | 'delivery' | 'dine-in' | 'unknown';

export interface Address {
  readonly line?: string;
  readonly city?: string;
  readonly postalCode?: string;
  readonly country?: string;
}

/** When the guest wants the food: as soon as possible, at a time, or within a slot (ISO 8601). */
export type WantedTime =
  | { readonly kind: 'asap' }
  | { readonly kind: 'at'; readonly at: string }
  | { readonly kind: 'slot'; readonly from: string; readonly to: string };

export interface Fulfilment {
  readonly kind: FulfilmentKind;
  readonly wanted: WantedTime;
  readonly address?: Address;
  readonly instructions?: string;
  /** e.g. Wix's `shippingInfo.title` ("Pickup", "Delivery zone 2"). */
  readonly title?: string;
}

export interface Customer {
  readonly firstName?: string;
  readonly lastName?: string;
  readonly phone?: string;
  readonly email?: string;
}

/** An option or modifier chosen for a dish ("Size: large", "no onions"). */
export interface ItemOption {
  readonly name: string;
  readonly value?: string;
}

export interface LineItem {
  readonly name: string;
  readonly quantity: number;
  readonly unitPrice: MinorUnits;
  readonly linePrice: MinorUnits;
  readonly options: readonly ItemOption[];
}

export interface OrderTotals {
  readonly subtotal: MinorUnits;
  readonly shipping: MinorUnits;
  readonly tax: MinorUnits;
  readonly discount: MinorUnits;
  readonly total: MinorUnits;
}

/**
 * A normalised order. `status` and `paymentStatus` are kept as Wix sends them (open-ended enums:
 * an unknown value must never crash anything), e.g. `APPROVED`, `PAID`, `NOT_PAID`.
 */
export interface Order {
  /** Wix's order id, or `local-…` for orders typed in locally (never collides with Wix's UUIDs). */
  readonly id: string;
  /** The number Wix shows the guest ("10234"); absent for local orders. */
  readonly number?: string;
  readonly source: OrderSource;
  readonly status: string;
  readonly paymentStatus?: string;
  /** ISO 8601, when the guest placed it. */
  readonly createdAt: string;
  readonly currency: string;
  readonly fulfilment: Fulfilment;
  readonly customer: Customer;
  readonly lineItems: readonly LineItem[];
  /** The guest's note to the kitchen (Wix `buyerNote`). */
  readonly note?: string;
  readonly totals: OrderTotals;
}
