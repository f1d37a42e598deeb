import { z } from '@hono/zod-openapi';
import { connectivityModeSchema } from './words.ts';

/** `GET /health`: enough for a supervisor or a load balancer, open without the token. */
export const healthSchema = z
  .object({
    status: z.string().openapi({ description: '`ok` while the service answers' }),
    version: z.string(),
    mode: connectivityModeSchema,
    log: z.object({ position: z.number().int().min(0) }),
    views: z.string().openapi({ description: '`current`, or how far a catch-up or rebuild has come' }),
    wix: z.enum(['configured', 'not-configured']),
    printers: z.array(z.string()),
  })
  .openapi('Health');
