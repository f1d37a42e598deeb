import { z } from '@hono/zod-openapi';
import { printJobSchema } from './print-job.ts';
import { storedEventSchema } from './stored-event.ts';
import { orderSourceSchema, printJobStateSchema, timeSchema } from './words.ts';

const minorUnits = z.number().int().openapi({ description: 'Money in minor units (cents)' });

/** When the guest wants the food; Wix's times are kept as sent. */
export const wantedTimeSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('asap') }),
    z.object({ kind: z.literal('at'), at: z.string() }),
    z.object({ kind: z.literal('slot'), from: z.string(), to: z.string() }),
  ])
  .openapi('WantedTime');

/** The normalised order, whatever its source (the domain's `Order`). */
export const orderSchema = z
  .object({
    id: z.string(),
    number: z.string().optional(),
    source: orderSourceSchema,
    status: z.string().openapi({ description: 'As Wix sends it, e.g. APPROVED' }),
    paymentStatus: z.string().optional(),
    createdAt: z.string(),
    currency: z.string(),
    fulfilment: z.object({
      kind: z.enum(['pickup', 'delivery', 'dine-in', 'unknown']),
      wanted: wantedTimeSchema,
      address: z
        .object({
          line: z.string().optional(),
          city: z.string().optional(),
          postalCode: z.string().optional(),
          country: z.string().optional(),
        })
        .optional(),
      instructions: z.string().optional(),
      title: z.string().optional(),
    }),
    customer: z.object({
      firstName: z.string().optional(),
      lastName: z.string().optional(),
      phone: z.string().optional(),
      email: z.string().optional(),
    }),
    lineItems: z.array(
      z.object({
        name: z.string(),
        quantity: z.number().int(),
        unitPrice: minorUnits,
        linePrice: minorUnits,
        options: z.array(z.object({ name: z.string(), value: z.string().optional() })),
      }),
    ),
    note: z.string().optional(),
    totals: z.object({
      subtotal: minorUnits,
      shipping: minorUnits,
      tax: minorUnits,
      discount: minorUnits,
      total: minorUnits,
    }),
  })
  .openapi('Order');

/**
 * An order's ticket is its print job. The orders view still keeps a shorter copy of the job (no
 * queue times, `waiting` for `retry-wait`) until it reads its tickets from the jobs table, so those
 * fields are optional here for now; extra keys are allowed.
 */
export const orderTicketSchema = printJobSchema
  .partial({
    orderId: true,
    totalAttempts: true,
    queuedAt: true,
    updatedAt: true,
    sequence: true,
    version: true,
  })
  .extend({ state: z.union([printJobStateSchema, z.literal('waiting')]) })
  .openapi('OrderTicket');

/** An order as the restaurant follows it: daily ticket number, cancellation, and its tickets by job id. */
export const orderViewSchema = z
  .object({
    orderId: z.string(),
    number: z.string().optional(),
    source: orderSourceSchema,
    status: z.string(),
    paymentStatus: z.string().optional(),
    ticketNumber: z.number().int().openapi({ description: '#n of its business day' }),
    businessDay: z.string(),
    sequence: z.number().int().openapi({ description: 'The list cursor' }),
    receivedAt: timeSchema,
    updatedAt: timeSchema,
    canceled: z.boolean(),
    cancelReason: z.string().optional(),
    order: orderSchema,
    tickets: z.record(z.string(), orderTicketSchema),
  })
  .openapi('OrderView');

/** `GET /api/orders/{id}`: the order with every event about it and its tickets, in log order. */
export const orderDetailSchema = orderViewSchema
  .extend({ history: z.array(storedEventSchema) })
  .openapi('OrderDetail');
