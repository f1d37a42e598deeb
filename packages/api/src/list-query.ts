import { z } from 'zod';
import type { ListQuery } from './ports.ts';

const filterValue = z.string().max(200);
// A time filter that does not parse would otherwise be dropped and widen the answer to everything.
const timeValue = filterValue.refine((text) => !Number.isNaN(Date.parse(text)), {
  message: 'must be a time (ISO 8601, e.g. 2026-11-27T19:40:00Z)',
});
const timeFilters = new Set(['from', 'to']);

/**
 * Reads `?limit=&cursor=&<filters>` strictly: unknown parameters, huge values or a bad limit are a
 * 400 that says what is wrong, never a 5xx deeper down.
 */
export function parseListQuery(
  query: Record<string, string>,
  filters: readonly string[],
): { ok: true; query: ListQuery } | { ok: false; message: string } {
  const schema = z.strictObject({
    // The access token may ride in the query (EventSource and <img> cannot send headers).
    token: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().max(200).optional(),
    ...Object.fromEntries(
      filters.map((name) => [name, (timeFilters.has(name) ? timeValue : filterValue).optional()]),
    ),
  });
  const result = schema.safeParse(query);
  if (result.success) {
    const { token: _token, ...query } = result.data;
    return { ok: true, query: query as ListQuery };
  }
  const issue = result.error.issues[0];
  const key = issue?.path.join('.') || (issue && 'keys' in issue ? String(issue.keys) : '');
  return { ok: false, message: `${key ? `${key}: ` : ''}${issue?.message ?? 'invalid query'}` };
}
