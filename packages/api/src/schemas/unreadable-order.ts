import { z } from '@hono/zod-openapi';

/** An order Wix sent that could not be read: being fetched by id, or for staff to open in Wix. */
export const unreadableOrderSchema = z
  .looseObject({
    orderId: z.string().optional().openapi({ description: 'The Wix order id, when the delivery named one' }),
    webhookId: z.string(),
    eventType: z.string().optional(),
    reason: z.string(),
    since: z.string().openapi({ format: 'date-time' }),
    fetchError: z
      .string()
      .optional()
      .openapi({ description: 'Why fetching it from Wix failed: then a person must open it in Wix' }),
  })
  .openapi('UnreadableOrder');
