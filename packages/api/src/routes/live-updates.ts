import { OpenAPIHono } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { BonrelayPorts } from '../ports.ts';

/**
 * `GET /events/stream`: Server-Sent Events fed by the views, so the dashboard changes the moment the
 * log does — no polling loop on a tablet's battery.
 */
export function liveUpdateRoutes(ports: BonrelayPorts): OpenAPIHono {
  const app = new OpenAPIHono();
  app.get('/events/stream', (c) =>
    streamSSE(c, async (stream) => {
      await new Promise<void>((resolve) => {
        // Writes are chained so updates arrive in order and the last ones land before the close.
        let written = Promise.resolve();
        const subscription = ports.liveUpdates().subscribe({
          next: (update) => {
            written = written.then(() =>
              stream.writeSSE({ event: update.event, data: JSON.stringify(update.data) }),
            );
          },
          complete: () => void written.then(resolve, resolve),
        });
        stream.onAbort(() => {
          subscription.unsubscribe();
          resolve();
        });
      });
    }),
  );
  return app;
}
