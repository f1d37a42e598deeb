import { z } from '@hono/zod-openapi';
import { timeSchema } from './words.ts';

/** One fact of the append-only log as stored; `data` is the event type's own shape. */
export const storedEventSchema = z
  .object({
    position: z.number().int().min(1),
    id: z.string(),
    stream: z.string(),
    streamVersion: z.number().int(),
    type: z.string(),
    schemaVersion: z.number().int(),
    data: z.unknown(),
    metadata: z.looseObject({
      correlationId: z.string().optional(),
      causationId: z.string().optional(),
      source: z.string().optional(),
    }),
    recordedAt: timeSchema,
    hash: z.string(),
  })
  .openapi('StoredEvent');
