import type { Address, Customer, Fulfilment, WantedTime } from '@bonrelay/domain';
import { defined, present } from './defined.ts';
import type { WixAddressShape, WixOrderShape } from './wix-order-schema.ts';

const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function addressOf(address: WixAddressShape): Address | undefined {
  if (!address) return undefined;
  const street = address.streetAddress;
  const streetLine = present([street?.name, street?.number].filter(Boolean).join(' '));
  const line = [present(address.addressLine) ?? streetLine, present(address.addressLine2)]
    .filter(Boolean)
    .join(', ');
  const result = defined({
    line: present(line),
    city: present(address.city),
    postalCode: present(address.postalCode),
    country: present(address.country),
  });
  return Object.keys(result).length === 0 ? undefined : result;
}

function isTime(value: string | undefined): value is string {
  return value !== undefined && isoDateTime.test(value) && !Number.isNaN(Date.parse(value));
}

type Logistics = NonNullable<NonNullable<WixOrderShape['shippingInfo']>['logistics']>;

function wantedOf(logistics: Logistics | null | undefined): WantedTime {
  const from = present(logistics?.deliveryTimeSlot?.from);
  const to = present(logistics?.deliveryTimeSlot?.to);
  if (isTime(from) && isTime(to)) return { kind: 'slot', from, to };
  const at = present(logistics?.deliveryTime);
  if (isTime(at)) return { kind: 'at', at };
  return { kind: 'asap' };
}

/**
 * How and when the guest gets the food. Wix's `deliveryTime` may be free text ("in 30–45 min");
 * when it is not a time we keep it in the instructions rather than lose it.
 */
export function fulfilmentOf(order: WixOrderShape): Fulfilment {
  const logistics = order.shippingInfo?.logistics;
  const kind = logistics?.pickupDetails ? 'pickup' : logistics?.shippingDestination ? 'delivery' : 'unknown';
  const address = addressOf(logistics?.pickupDetails?.address ?? logistics?.shippingDestination?.address);
  const wanted = wantedOf(logistics);
  const freeTextTime = present(logistics?.deliveryTime);
  const instructions = [
    present(logistics?.instructions),
    freeTextTime && !isTime(freeTextTime) ? `Time: ${freeTextTime}` : undefined,
  ].filter(Boolean);
  return defined({
    kind,
    wanted,
    address,
    instructions: instructions.length > 0 ? instructions.join('\n') : undefined,
    title: present(order.shippingInfo?.title),
  });
}

/** Who to call: the billing contact, topped up by the delivery contact when billing lacks a field. */
export function customerOf(order: WixOrderShape): Customer {
  const billing = order.billingInfo?.contactDetails;
  const recipient = order.shippingInfo?.logistics?.shippingDestination?.contactDetails;
  return defined({
    firstName: present(billing?.firstName) ?? present(recipient?.firstName),
    lastName: present(billing?.lastName) ?? present(recipient?.lastName),
    phone: present(billing?.phone) ?? present(recipient?.phone),
    email: present(order.buyerInfo?.email),
  });
}
