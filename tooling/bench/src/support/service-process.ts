// Child entry: the real bonrelay service, configured by the BONRELAY_* variables its parent passes,
// answering the bench's questions over IPC. Run through `startChild`, never directly.
import { createServer } from 'node:net';
import { loadConfig } from '../../../../apps/service/src/config/index.ts';
import { startService } from '../../../../apps/service/src/start-service.ts';
import { answerParent } from './child-process.ts';
import { peakRssBytes } from './memory.ts';

// The internet monitor probes a loopback listener: a bench never sends a packet off the machine.
const internet = createServer((socket) => socket.destroy());
await new Promise<void>((resolve) => internet.listen(0, '127.0.0.1', resolve));
const internetPort = (internet.address() as { port: number }).port;

const startedAt = performance.now();
const config = loadConfig({ ...process.env, BONRELAY_INTERNET_PROBES: `127.0.0.1:${internetPort}` });
const service = await startService(config);
const startupMs = performance.now() - startedAt;
const countByType = service.store.connection.prepare<[string], { n: number }>(
  'SELECT count(*) AS n FROM events WHERE type = ?',
);

answerParent(
  {
    stats: () => ({
      peakRss: peakRssBytes(),
      rss: process.memoryUsage().rss,
      lastPosition: service.store.lastPosition(),
    }),
    count: (message) => ({ n: countByType.get(String(message.type))?.n ?? 0 }),
  },
  async () => {
    await service.stop('bench finished');
    await new Promise<void>((resolve) => internet.close(() => resolve()));
  },
  { url: service.url, startupMs },
);
