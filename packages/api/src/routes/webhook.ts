import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { BonrelayPorts } from '../ports.ts';

/**
 * `POST /webhooks/wix`: the raw body is the JWT whatever the content type says. Oversized bodies are
 * refused before they are read, so a flood cannot exhaust memory.
 */
export function webhookRoutes(ports: BonrelayPorts, bodyLimitBytes: number): Hono {
  const app = new Hono();
  app.post(
    '/webhooks/wix',
    bodyLimit({
      maxSize: bodyLimitBytes,
      onError: (c) =>
        c.json({ error: 'too-large', message: `the body exceeds ${bodyLimitBytes} bytes` }, 413),
    }),
    async (c) => {
      const result = await ports.receiveWixWebhook(await c.req.text());
      return c.json(result.body as object, result.status, result.headers);
    },
  );
  return app;
}
