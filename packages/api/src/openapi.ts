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
 * port, so the description cannot drift from what the routes accept and answer. The document is
 * built when asked, from every route registered on the app by then.
 */
export function serveOpenApi(app: OpenAPIHono, version: string): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'token', {
    type: 'apiKey',
    in: 'query',
    name: 'token',
    description: 'The same token, for clients that cannot send headers (EventSource, <img>)',
  });
  app.openapi(openApiRoute, (c) =>
    c.json(app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'bonrelay', version } }), 200),
  );
}
