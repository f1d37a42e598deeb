import { z } from '@hono/zod-openapi';
import { timeSchema } from './words.ts';

/** `POST /orders/{id}/reprint`: which of the order's tickets to print again (all when absent). */
export const reprintRequestSchema = z
  .strictObject({
    tickets: z
      .array(z.enum(['kitchen', 'customer', 'driver']))
      .min(1)
      .optional(),
  })
  .openapi('ReprintRequest');

export type ReprintRequest = z.output<typeof reprintRequestSchema>;

export const orderCreatedSchema = z.object({ orderId: z.string() }).openapi('OrderCreated');

export const reprintsQueuedSchema = z
  .object({ orderId: z.string(), jobIds: z.array(z.string()) })
  .openapi('ReprintsQueued');

export const jobQueuedSchema = z.object({ jobId: z.string() }).openapi('JobQueued');

/** `POST /commands/reconcile`: what asking Wix for missed orders found, or why it could not. */
export const reconciliationSchema = z
  .discriminatedUnion('ok', [
    z.object({
      ok: z.literal(true),
      from: timeSchema,
      to: timeSchema,
      found: z.number().int().min(0),
      appended: z.number().int().min(0),
      unreadable: z.number().int().min(0),
    }),
    z.object({ ok: z.literal(false), from: z.string().optional(), error: z.string() }),
  ])
  .openapi('Reconciliation');

/** `POST /webhooks/wix` when the delivery is kept (or was kept before: `duplicate`). */
export const webhookReceiptSchema = z
  .object({
    ok: z.literal(true),
    webhookId: z.string(),
    ignored: z.boolean().openapi({ description: 'An event type bonrelay does not act on' }),
    duplicate: z.boolean(),
    appended: z.number().int().min(0),
  })
  .openapi('WebhookReceipt');
