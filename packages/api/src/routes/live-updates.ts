import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { BonrelayPorts } from '../ports.ts';

/**
 * `GET /events/stream`: Server-Sent Events fed by the views, so the dashboard changes the moment the
 * log does — no polling loop on a tablet's battery.
 */
export function liveUpdateRoutes(ports: BonrelayPorts): Hono {
  const app = new Hono();
  app.get('/events/stream', (c) =>
    streamSSE(c, async (stream) => {
      await new Promise<void>((resolve) => {
        const subscription = ports.liveUpdates().subscribe({
          next: (update) => {
            void stream.writeSSE({ event: update.event, data: JSON.stringify(update.data) });
          },
          complete: resolve,
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
