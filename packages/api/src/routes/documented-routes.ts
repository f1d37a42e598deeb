import type { RouteConfig, z } from '@hono/zod-openapi';
import { openApiRoute } from '../openapi.ts';
import { commandRouteConfigs } from './commands.ts';
import { health } from './health.ts';
import { queryRouteConfigs } from './queries.ts';
import { receiveWixWebhook } from './webhook.ts';

/** Every JSON route as declared: the same objects the app validates with and documents. */
export const documentedRoutes: readonly RouteConfig[] = [
  health,
  receiveWixWebhook,
  openApiRoute,
  ...queryRouteConfigs,
  ...commandRouteConfigs,
];

/**
 * The schema a route documents for a status (`get`, `/api/orders/{id}`, 404), or undefined when
 * it documents none: lets a client, or a spec holding a real answer, check it against the document.
 */
export function documentedResponse(method: string, path: string, status: number): z.ZodType | undefined {
  const route = documentedRoutes.find((candidate) => candidate.method === method && candidate.path === path);
  const response = route?.responses[status];
  if (!response || !('content' in response)) return undefined;
  const media = response.content?.['application/json'];
  const schema = media && 'schema' in media ? media.schema : undefined;
  return schema && 'safeParse' in schema ? (schema as z.ZodType) : undefined;
}
