import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { BonrelayPorts } from '../ports.ts';
import { problemSchema, webhookReceiptSchema } from '../schemas/index.ts';
import { json, reply } from './responses.ts';

export const receiveWixWebhook = createRoute({
  method: 'post',
  path: '/webhooks/wix',
  summary: 'Wix webhook (the body is the signed JWT, whatever the content type says)',
  security: [],
  request: {
    body: {
      required: true,
      content: { 'text/plain': { schema: z.string().openapi({ description: 'JWT' }) } },
    },
  },
  responses: {
    200: json(webhookReceiptSchema, 'Kept durably (or kept before: duplicate); Wix may stop retrying'),
    400: json(problemSchema, 'malformed-order or a token that does not parse'),
    401: json(problemSchema, 'The signature does not verify'),
    413: json(problemSchema, 'too-large: the body exceeds the configured limit'),
    503: json(problemSchema, 'not-configured, storage-full or storage-unavailable: Wix retries later'),
  },
});

/** `POST /webhooks/wix`: the raw body is the JWT, read only once it is known to be small enough. */
export function webhookRoutes(ports: BonrelayPorts, bodyLimitBytes: number): OpenAPIHono {
  const app = new OpenAPIHono();
  // Oversized bodies are refused before they are read, so a flood cannot exhaust memory.
  app.use(
    receiveWixWebhook.path,
    bodyLimit({
      maxSize: bodyLimitBytes,
      onError: (c) =>
        c.json({ error: 'too-large', message: `the body exceeds ${bodyLimitBytes} bytes` }, 413),
    }),
  );
  app.openapi(receiveWixWebhook, async (c) => reply(c, await ports.receiveWixWebhook(await c.req.text())));
  return app;
}
