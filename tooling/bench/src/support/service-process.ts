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

// The service answers HTTP while its views still catch up with the log; a bench that reads them
// waits for this: the table views hold the log as it stood at start and the process has gone
// quiet (views still folded in memory catch up in the background, with no signal of their own; a
// catch-up keeps a core busy, an idle service's timers and probes use a few per cent of one).
// CPU time, not event-loop utilisation: under --cpu-prof an idle loop reads 90 % utilised.
const target = service.store.lastPosition();
const quietWindowMs = 500;
const caughtUp = new Promise<number>((resolve) => {
  let cpu = process.cpuUsage();
  const check = () => {
    const used = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    const busy = (used.user + used.system) / 1000 / quietWindowMs;
    if (service.viewsPosition() >= target && busy < 0.25)
      resolve(performance.now() - startedAt - quietWindowMs);
    else setTimeout(check, quietWindowMs);
  };
  setTimeout(check, quietWindowMs);
});

answerParent(
  {
    stats: () => ({
      peakRss: peakRssBytes(),
      rss: process.memoryUsage().rss,
      lastPosition: service.store.lastPosition(),
    }),
    count: (message) => ({ n: countByType.get(String(message.type))?.n ?? 0 }),
    caughtUp: async () => ({ ms: await caughtUp, rss: process.memoryUsage().rss, peakRss: peakRssBytes() }),
    // Resolves once the views hold everything appended so far (what a request just wrote).
    settled: async () => {
      const end = service.store.lastPosition();
      while (service.viewsPosition() < end) await new Promise((resolve) => setTimeout(resolve, 2));
      return { position: end };
    },
  },
  async () => {
    await service.stop('bench finished');
    await new Promise<void>((resolve) => internet.close(() => resolve()));
  },
  { url: service.url, startupMs },
);
