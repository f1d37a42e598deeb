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
// The service answers HTTP while its views still catch up with the log. `tables`: the table views
// hold the log as it stood at start (the printer sagas start printing then). `caughtUp`: besides,
// the process has gone quiet (views still folded in memory catch up in the background, with no
// signal of their own; a catch-up keeps a core busy, an idle service's timers and probes use a few
// per cent of one). CPU time, not event-loop utilisation: under --cpu-prof an idle loop reads 90 %.
const target = service.store.lastPosition();
const sinceStart = () => performance.now() - startedAt;
const tables = new Promise<number>((resolve) => {
  const check = () => (service.viewsPosition() >= target ? resolve(sinceStart()) : setTimeout(check, 10));
  check();
});
const quietWindowMs = 500;
const caughtUp = tables.then(
  () =>
    new Promise<number>((resolve) => {
      let cpu = process.cpuUsage();
      const check = () => {
        const used = process.cpuUsage(cpu);
        cpu = process.cpuUsage();
        const busy = (used.user + used.system) / 1000 / quietWindowMs;
        if (busy < 0.25) resolve(sinceStart() - quietWindowMs);
        else setTimeout(check, quietWindowMs);
      };
      setTimeout(check, quietWindowMs);
    }),
);

answerParent(
  {
    stats: () => ({
      peakRss: peakRssBytes(),
      rss: process.memoryUsage().rss,
      lastPosition: service.store.lastPosition(),
    }),
    tables: async () => ({ ms: await tables }),
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
