import { z } from '@hono/zod-openapi';

const minor = z.number().int().min(0).max(100_000_000);
const text = (max: number) => z.string().trim().min(1).max(max);
const isoTime = z.iso.datetime({ offset: true });

/**
 * `POST /orders`: an order typed in on the restaurant's tablet while Wix is unreachable. Amounts
 * are minor units; the service turns it into a domain order with source `local`.
 */
export const localOrderSchema = z
  .strictObject({
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like EUR'),
    paymentStatus: z.string().max(40).default('NOT_PAID'),
    note: z.string().max(2_000).optional(),
    fulfilment: z
      .strictObject({
        kind: z.enum(['pickup', 'delivery', 'dine-in']),
        wanted: z
          .discriminatedUnion('kind', [
            z.strictObject({ kind: z.literal('asap') }),
            z.strictObject({ kind: z.literal('at'), at: isoTime }),
            z.strictObject({ kind: z.literal('slot'), from: isoTime, to: isoTime }),
          ])
          .default({ kind: 'asap' }),
        address: z
          .strictObject({
            line: z.string().max(200).optional(),
            city: z.string().max(100).optional(),
            postalCode: z.string().max(20).optional(),
            country: z.string().max(60).optional(),
          })
          .optional(),
        instructions: z.string().max(500).optional(),
      })
      .refine((fulfilment) => fulfilment.kind !== 'delivery' || fulfilment.address?.line, {
        message: 'a delivery needs address.line',
        path: ['address'],
      }),
    customer: z
      .strictObject({
        firstName: z.string().max(100).optional(),
        lastName: z.string().max(100).optional(),
        phone: z.string().max(40).optional(),
        email: z.email().optional(),
      })
      .default({}),
    lineItems: z
      .array(
        z.strictObject({
          name: text(200),
          quantity: z.number().int().min(1).max(999),
          unitPrice: minor,
          options: z
            .array(z.strictObject({ name: text(100), value: z.string().max(200).optional() }))
            .max(50)
            .default([]),
        }),
      )
      .min(1)
      .max(200),
    shipping: minor.default(0),
    discount: minor.default(0),
    tax: minor.default(0),
  })
  // A discount beyond what the guest pays would print a negative total on the receipt.
  .refine(
    (order) =>
      order.discount <=
      order.shipping + order.lineItems.reduce((sum, item) => sum + item.unitPrice * item.quantity, 0),
    { message: 'must not exceed the line items plus shipping', path: ['discount'] },
  )
  .openapi('LocalOrder');

/** A local order as validated, defaults filled in: what the service's port receives. */
export type LocalOrder = z.output<typeof localOrderSchema>;
