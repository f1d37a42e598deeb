import { OpenAPIHono } from '@hono/zod-openapi';
import { type AccessOptions, requireAccess } from './access.ts';
import { serveOpenApi } from './openapi.ts';
import type { BonrelayPorts } from './ports.ts';
import { commandRoutes } from './routes/commands.ts';
import { healthRoutes } from './routes/health.ts';
import { liveUpdateRoutes } from './routes/live-updates.ts';
import { queryRoutes } from './routes/queries.ts';
import { webhookRoutes } from './routes/webhook.ts';

export interface ApiOptions extends AccessOptions {
  readonly bodyLimitBytes: number;
  readonly version: string;
  /** Called for unexpected errors so they are logged; the client still gets a JSON 500. */
  readonly onError?: (error: unknown) => void;
}

/**
 * The whole HTTP face of bonrelay. Open: `/health`, the Wix webhook and the dashboard page (which
 * then asks for the token). Everything else needs the API token (or loopback when none is set).
 */
export function createApi(ports: BonrelayPorts, options: ApiOptions): OpenAPIHono {
  const app = new OpenAPIHono();
  app.route('/', healthRoutes(ports));
  app.route('/', webhookRoutes(ports, options.bodyLimitBytes));
  app.get('/', (c) => c.html(ports.dashboardHtml()));
  app.use('*', requireAccess(options));
  serveOpenApi(app, options.version);
  app.get('/metrics', async (c) => {
    const metrics = await ports.metrics();
    return c.body(metrics.body, 200, { 'content-type': metrics.contentType });
  });
  app.route('/', queryRoutes(ports));
  app.route('/', commandRoutes(ports));
  app.route('/', liveUpdateRoutes(ports));
  app.notFound((c) => c.json({ error: 'not-found', message: `no route ${c.req.method} ${c.req.path}` }, 404));
  app.onError((error, c) => {
    options.onError?.(error);
    return c.json({ error: 'internal', message: 'unexpected error; it was logged' }, 500);
  });
  return app;
}
