// Child entry: the peer. plainjob (a SQLite job queue on better-sqlite3) enqueues BENCH_JOBS jobs and
// one worker drains them with a no-op processor, so its figures cost no printer at all; then it
// counts BENCH_WAITING pending jobs (default BENCH_JOBS), its queue status.
import { createRequire } from 'node:module';
import type { Database } from '@bonrelay/event-store';
import { better, defineQueue, defineWorker, JobStatus } from 'plainjob';
import { answerParent } from './child-process.ts';
import { peakRssBytes } from './memory.ts';

const BetterSqlite3 = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => Database;
const jobs = Number(process.env.BENCH_JOBS);
const waiting = Number(process.env.BENCH_WAITING ?? jobs);
const quiet = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} };
const connection = better(new BetterSqlite3(process.env.BENCH_DB as string) as never);
const queue = defineQueue({ connection, logger: quiet });

function median(samples: number[]): number {
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)] as number;
}

answerParent(
  {
    run: async () => {
      const enqueue = (count: number, prefix: string) => {
        const data = Array.from({ length: count }, (_, index) => ({ jobId: `${prefix}-${index}/kitchen` }));
        for (let start = 0; start < count; start += 1000)
          queue.addMany('print', data.slice(start, start + 1000));
      };
      const enqueueStarted = performance.now();
      enqueue(jobs, 'order');
      const enqueueMs = performance.now() - enqueueStarted;
      let done = 0;
      let finished: () => void = () => {};
      const allDone = new Promise<void>((resolve) => {
        finished = resolve;
      });
      const worker = defineWorker('print', () => {}, {
        queue,
        logger: quiet,
        pollIntervall: 10,
        onCompleted: () => {
          done += 1;
          if (done === jobs) finished();
        },
      });
      const drainStarted = performance.now();
      const running = worker.start();
      await allDone;
      const drainMs = performance.now() - drainStarted;
      await worker.stop();
      await running;
      enqueue(waiting, 'waiting');
      const statusSamples = Array.from({ length: 7 }, () => {
        const started = performance.now();
        queue.countJobs({ type: 'print', status: JobStatus.Pending });
        return performance.now() - started;
      });
      return { enqueueMs, drainMs, statusMs: median(statusSamples), peakRss: peakRssBytes() };
    },
  },
  async () => queue.close(),
);
