import { createServer, type IncomingMessage } from 'node:http';
import type { EmulatedJob } from './emulator.ts';
import { type FaultMode, faultModes, isFaultMode } from './fault-mode.ts';

/** What the control API reads and changes. */
export interface ControlTarget {
  mode(): FaultMode;
  setMode(mode: FaultMode): Promise<void>;
  jobs(): readonly EmulatedJob[];
}

/** A running control API. */
export interface ControlApi {
  readonly url: string;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of request) body += chunk;
  return body;
}

function parseMode(body: string): unknown {
  try {
    return (JSON.parse(body) as { mode?: unknown }).mode;
  } catch {
    return undefined;
  }
}

/**
 * An HTTP side door on loopback (`GET /mode`, `PUT /mode {mode}`, `GET /jobs`) so a person
 * running a demo, or a test in another process, can pull the paper out without touching code.
 */
export function startControlApi(port: number, target: ControlTarget): Promise<ControlApi> {
  const server = createServer(async (request, response) => {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/mode' && request.method === 'GET') return send(200, { mode: target.mode() });
    if (path === '/mode' && request.method === 'PUT') {
      const mode = parseMode(await readBody(request));
      if (!isFaultMode(mode)) return send(400, { error: `mode must be one of ${faultModes.join(', ')}` });
      await target.setMode(mode);
      return send(200, { mode });
    }
    if (path === '/jobs' && request.method === 'GET') {
      const jobs = target.jobs().map(({ id, text, receivedAt, complete, bytes }) => ({
        id,
        text,
        receivedAt: receivedAt.toISOString(),
        complete,
        size: bytes.length,
      }));
      return send(200, { jobs, next: null });
    }
    return send(404, { error: 'not found' });
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const address = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${address.port}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
