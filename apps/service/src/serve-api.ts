import type { Server } from 'node:http';
import { type HttpBindings, serve } from '@hono/node-server';

export interface ServeOptions {
  readonly hostname: string;
  readonly port: number;
}

type Answer = (request: Request, env: HttpBindings) => Response | Promise<Response>;

/**
 * Serves the API on Node's HTTP server. An answer given before the request's body arrived whole
 * (a 413 for an oversized webhook, a 404 or 401 for a large POST) says `Connection: close`: the
 * unread rest of the body makes that connection unusable, and a proxy or tunnel that pools
 * connections would otherwise send its next, innocent request down it and see it fail.
 */
export async function serveApi(answer: Answer, options: ServeOptions): Promise<Server> {
  const server = serve({
    hostname: options.hostname,
    port: options.port,
    fetch: async (request, env) => {
      const { incoming, outgoing } = env as HttpBindings;
      const response = await answer(request, env as HttpBindings);
      if (!incoming.complete) outgoing.setHeader('connection', 'close');
      return response;
    },
  }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return server;
}
