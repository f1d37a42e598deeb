import { connect, createServer, type Socket } from 'node:net';

/** A TCP link between sites and the hub replicas that a spec can cut and restore, like a WAN. */
export interface CuttableLink {
  readonly url: string;
  /** Drops every open connection and refuses new ones until `restore`. */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

/**
 * A loopback TCP proxy in front of the hub replicas: each connection goes to the next replica that
 * accepts it (a dead one is skipped, as a reverse proxy does), and `cut` severs the link mid-stream,
 * which is what a site sees when the restaurant's line drops.
 */
export async function startCuttableLink(backendPorts: readonly number[]): Promise<CuttableLink> {
  const open = new Set<Socket>();
  let isCut = false;
  let next = 0;
  const track = (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = createServer((client) => {
    track(client);
    if (isCut) return client.destroy();
    client.pause();
    const attempt = (left: number) => {
      if (left === 0 || isCut) return client.destroy();
      const port = backendPorts[next++ % backendPorts.length] as number;
      const backend = connect(port, '127.0.0.1');
      backend.once('error', () => {
        backend.destroy();
        attempt(left - 1);
      });
      backend.once('connect', () => {
        track(backend);
        backend.removeAllListeners('error');
        backend.on('error', () => backend.destroy());
        client.pipe(backend).pipe(client);
        client.once('close', () => backend.destroy());
        backend.once('close', () => client.destroy());
        client.resume();
      });
    };
    attempt(backendPorts.length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    cut: () => {
      isCut = true;
      for (const socket of open) socket.destroy();
    },
    restore: () => {
      isCut = false;
    },
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
