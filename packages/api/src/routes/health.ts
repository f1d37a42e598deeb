import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { BonrelayPorts } from '../ports.ts';
import { healthSchema } from '../schemas/index.ts';
import { json, sent } from './responses.ts';

export const health = createRoute({
  method: 'get',
  path: '/health',
  summary: 'Service health and connectivity mode',
  security: [],
  responses: {
    200: json(healthSchema, 'The service answers'),
    503: json(healthSchema, 'The service is up but cannot do its job'),
  },
});

/** `GET /health`: open, so a supervisor needs no token to see whether bonrelay is alive. */
export function healthRoutes(ports: BonrelayPorts): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(health, (c) => {
    const answer = ports.health();
    return c.json(sent(answer.body), answer.healthy ? 200 : 503);
  });
  return app;
}
