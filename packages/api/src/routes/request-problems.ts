import type { Hook } from '@hono/zod-openapi';
import type { ZodError } from 'zod';

/** `<key>: <problem>` for the first issue: one line a person at the counter can act on. */
export function firstProblem(error: ZodError): string {
  const issue = error.issues[0];
  const key = issue?.path.join('.') || (issue && 'keys' in issue ? String(issue.keys) : '');
  return `${key ? `${key}: ` : ''}${issue?.message ?? 'invalid request'}`;
}

/**
 * What every route answers when its query, path or body does not validate: a 400 naming the
 * parameter, so a typo never reaches a port or turns into a 5xx deeper down.
 */
// biome-ignore lint/suspicious/noExplicitAny: hono's hook type is generic over every route's input.
export const requestProblems: Hook<any, any, any, any> = (result, c) => {
  if (result.success) return;
  const error = result.target === 'query' ? 'bad-query' : 'bad-request';
  return c.json({ error, message: firstProblem(result.error) }, 400);
};
