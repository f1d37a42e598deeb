import { z } from 'zod';

/** Wix sometimes writes `null` where a field is simply absent; both mean "not there". */
const text = z.object({ original: z.string().nullish(), translated: z.string().nullish() }).nullish();
const money = z.object({ amount: z.string() }).nullish();

const address = z
  .object({
    addressLine: z.string().nullish(),
    addressLine2: z.string().nullish(),
    streetAddress: z.object({ number: z.string().nullish(), name: z.string().nullish() }).nullish(),
    city: z.string().nullish(),
    postalCode: z.string().nullish(),
    country: z.string().nullish(),
  })
  .nullish();

const contact = z
  .object({ firstName: z.string().nullish(), lastName: z.string().nullish(), phone: z.string().nullish() })
  .nullish();

const descriptionLine = z.object({
  name: text,
  plainText: text,
  colorInfo: text,
  lineType: z.string().nullish(),
});

const lineItem = z.object({
  productName: text,
  quantity: z.number().int().nonnegative(),
  price: z.object({ amount: z.string() }),
  totalPriceAfterTax: money,
  totalPriceBeforeTax: money,
  descriptionLines: z.array(descriptionLine).nullish(),
});

/**
 * The part of a Wix eCommerce order bonrelay reads. Enums are plain strings on purpose: Wix adds
 * values, and an unknown status must never stop an order from reaching the kitchen.
 */
export const wixOrderSchema = z.object({
  id: z.string().min(1),
  number: z.union([z.string(), z.number()]).nullish(),
  createdDate: z.string().min(1),
  status: z.string().min(1),
  paymentStatus: z.string().nullish(),
  currency: z.string().min(1),
  buyerNote: z.string().nullish(),
  buyerInfo: z.object({ email: z.string().nullish() }).nullish(),
  billingInfo: z.object({ contactDetails: contact }).nullish(),
  shippingInfo: z
    .object({
      title: z.string().nullish(),
      logistics: z
        .object({
          instructions: z.string().nullish(),
          deliveryTime: z.string().nullish(),
          deliveryTimeSlot: z.object({ from: z.string().nullish(), to: z.string().nullish() }).nullish(),
          pickupDetails: z.object({ address }).nullish(),
          shippingDestination: z.object({ address, contactDetails: contact }).nullish(),
        })
        .nullish(),
    })
    .nullish(),
  lineItems: z.array(lineItem),
  priceSummary: z
    .object({
      subtotal: money,
      shipping: money,
      tax: money,
      discount: money,
      total: money,
      totalPrice: money,
    })
    .nullish(),
});

export type WixOrderShape = z.infer<typeof wixOrderSchema>;
export type WixLineItemShape = WixOrderShape['lineItems'][number];
export type WixAddressShape = z.infer<typeof address>;
