import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { guarded, json, refusedAccess } from './routes/responses.ts';

export const openApiRoute = createRoute({
  method: 'get',
  path: '/openapi.json',
  summary: 'This description of the JSON routes',
  ...guarded,
  responses: {
    200: json(z.object({ openapi: z.string() }).openapi({ description: 'OpenAPI 3.1' }), 'This document'),
    ...refusedAccess,
  },
});

/**
 * `GET /openapi.json`, generated from the very schemas that validate each request and type each
 * port, so the description cannot drift from what the routes accept and answer.
 */
export function serveOpenApi(app: OpenAPIHono, version: string): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'token', {
    type: 'apiKey',
    in: 'query',
    name: 'token',
    description: 'The same token, for clients that cannot send headers (EventSource, <img>)',
  });
  // Built on the first request, once every route is registered; the routes never change after.
  let document: ReturnType<typeof app.getOpenAPI31Document> | undefined;
  app.openapi(openApiRoute, (c) => {
    document ??= app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'bonrelay', version } });
    return c.json(document, 200);
  });
}
