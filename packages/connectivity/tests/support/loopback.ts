import { EventEmitter, once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { Worker } from 'node:worker_threads';

/** A TCP listener on 127.0.0.1 that can go away and come back on the same port. */
export interface LoopbackListener {
  readonly port: number;
  /** The first socket the listener accepted (now or later), so tests can watch it close. */
  firstAccepted(): Promise<Socket>;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** Opens a listener on a free loopback port. */
export async function loopbackListener(): Promise<LoopbackListener> {
  let server: Server | undefined;
  const accepted: Socket[] = [];
  const arrivals = new EventEmitter();
  const listen = async (port: number) => {
    server = createServer((socket) => {
      accepted.push(socket);
      arrivals.emit('socket', socket);
      socket.on('error', () => {});
      socket.resume();
    });
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('listener has no port');
    return address.port;
  };
  const port = await listen(0);
  return {
    port,
    firstAccepted: async () => accepted[0] ?? ((await once(arrivals, 'socket')) as [Socket])[0],
    stop: async () => {
      for (const socket of accepted) socket.destroy();
      await new Promise<void>((resolve) => server?.close(() => resolve()));
    },
    start: async () => {
      await listen(port);
    },
  };
}

/** A loopback port nobody listens on (a connect there is refused). */
export async function closedPort(): Promise<number> {
  const listener = await loopbackListener();
  await listener.stop();
  return listener.port;
}

/**
 * A listener whose owner never accepts: its thread blocks, the kernel's accept queue fills, and
 * later handshakes hang — the loopback stand-in for a black-holed route.
 */
export async function silentListener(): Promise<{ port: number; release(): Promise<void> }> {
  const gate = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const server = require('node:net').createServer();
     server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
       parentPort.postMessage(server.address().port);
       Atomics.wait(workerData, 0, 0);
       server.close();
     });`,
    { eval: true, workerData: gate },
  );
  const [port] = (await once(worker, 'message')) as [number];
  return {
    port,
    release: async () => {
      Atomics.store(gate, 0, 1);
      Atomics.notify(gate, 0);
      await worker.terminate();
    },
  };
}
