import { z } from '@hono/zod-openapi';
import type { Context, TypedResponse } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Answer } from '../ports.ts';
import { problemSchema } from '../schemas/index.ts';

/** One documented JSON answer of a route. */
export function json<Schema extends z.ZodType>(schema: Schema, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** The routes behind the API token say so: a bearer header, or `?token=` where headers cannot go. */
export const guarded: { security: Record<string, string[]>[] } = {
  security: [{ bearer: [] }, { token: [] }],
};

/** How the token guard refuses, documented on every route behind it. */
export const refusedAccess = {
  401: json(problemSchema, 'unauthorized: no or a wrong API token'),
  403: json(problemSchema, 'forbidden: no token is configured and the client is not on this machine'),
} as const;

/** `{ <plural noun>: [...], next }`: every list, so a client pages them all the same way. */
export function pageSchema<Noun extends string, Item extends z.ZodType>(noun: Noun, item: Item) {
  return z.object({
    [noun]: z.array(item),
    next: z.string().nullable().openapi({ description: 'The cursor of the next page; null on the last' }),
  } as { [key in Noun]: z.ZodArray<Item> } & { next: z.ZodNullable<z.ZodString> });
}

/** `Shape<T>` with the read-only marks taken off again, as JSON has none. */
type Sent<T> = T extends readonly (infer Item)[]
  ? Sent<Item>[]
  : T extends object
    ? { -readonly [K in keyof T]: Sent<T[K]> }
    : T;

/**
 * The ports hand out read-only values (the domain's views), the typed responses expect plain JSON
 * shapes: the value is serialised at once, so only the type changes, and tsc still compares every
 * field of it with the route's response schema.
 */
export function sent<T>(value: T): Sent<T> {
  return value as Sent<T>;
}

/**
 * Sends a port's answer with its status and headers. Typed per member of the answer's union, so
 * tsc checks each status the port can give against the body the route documents for it.
 */
export function reply<A extends Answer<ContentfulStatusCode, unknown>>(
  c: Context,
  answer: A,
): A extends Answer<infer Status extends ContentfulStatusCode, infer Body>
  ? TypedResponse<Sent<Body>, Status, 'json'>
  : never {
  return c.json(answer.body as object, answer.status, answer.headers) as never;
}
