import { z } from '@hono/zod-openapi';

/** Every refusal: a stable code for programs and a sentence for people. */
export const problemSchema = z
  .object({
    error: z.string().openapi({ description: 'e.g. bad-query, not-found, storage-full' }),
    message: z.string().optional(),
  })
  .openapi('Problem');

/** A local order that does not validate: one line per field at fault. */
export const invalidOrderSchema = z
  .object({
    error: z.literal('invalid-order'),
    problems: z.array(z.string()).openapi({ description: '`<field path>: <problem>`' }),
  })
  .openapi('InvalidOrder');
