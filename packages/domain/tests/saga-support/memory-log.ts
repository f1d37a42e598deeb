import {
  type AnyDomainEvent,
  type AppendAnswer,
  type EventToAppend,
  evolvePrintJob,
  isPauseFailure,
  jobIdOf,
  type PrinterJobs,
  type PrintJobView,
  priorityRank,
  streams,
  ticketRank,
} from '../../src/index.ts';

/** A fact as a test states it: type and data; the log gives it a stream, a position and a time. */
export type Fact = Pick<AnyDomainEvent, 'type' | 'data'>;

/** An event as the log holds it. */
export type LoggedEvent = AnyDomainEvent & { readonly id: string; readonly stream: string };

function streamOf(fact: Fact): string {
  const data = fact.data as { jobId?: string; printer?: string };
  if (data.jobId !== undefined) return streams.printJob(data.jobId);
  if (data.printer !== undefined) return streams.printer(data.printer);
  return streams.service;
}

function waitsForPrinter(job: PrintJobView): boolean {
  return (
    job.state === 'retry-wait' &&
    (job.lastFailureCounted === false || (job.lastFailure !== undefined && isPauseFailure(job.lastFailure)))
  );
}

function isDue(job: PrintJobView, now: string, backSince: string | undefined): boolean {
  if (job.state !== 'queued' && job.state !== 'retry-wait') return false;
  if (job.nextAttemptAt === undefined || job.nextAttemptAt <= now) return true;
  return waitsForPrinter(job) && backSince !== undefined && (job.lastFailedAt ?? '') < backSince;
}

function printOrder(a: PrintJobView, b: PrintJobView): number {
  return (
    priorityRank[a.priority] - priorityRank[b.priority] ||
    ticketRank[a.ticket] - ticketRank[b.ticket] ||
    a.sequence - b.sequence
  );
}

/**
 * The log and the jobs table in memory, for the saga's specifications: appends check stream
 * versions and dedupe ids as the store does, and the table (the job lifecycle folded over the log)
 * sees only what has been committed, so a spec can hold it behind the log as the real flush does.
 */
export function memoryLog(clock: () => number) {
  const events: LoggedEvent[] = [];
  const versions = new Map<string, number>();
  const table = new Map<string, PrintJobView>();
  let committed = 0;
  let sequence = 0;

  const last = () => events.length;

  function write(fact: Fact & { id?: string; stream?: string }): LoggedEvent {
    const stream = fact.stream ?? streamOf(fact);
    const streamVersion = (versions.get(stream) ?? 0) + 1;
    versions.set(stream, streamVersion);
    const event = {
      ...fact,
      id: fact.id ?? `fact-${++sequence}`,
      stream,
      streamVersion,
      position: events.length + 1,
      recordedAt: new Date(clock()).toISOString(),
    } as LoggedEvent;
    events.push(event);
    return event;
  }

  /** Appends as the store does: all or nothing, and only if every expected stream is where the caller saw it. */
  function append(
    batch: readonly EventToAppend[],
    expectedVersion: Readonly<Record<string, number>>,
  ): { answer: AppendAnswer; written: LoggedEvent[] } {
    const known = new Set(events.map((event) => event.id));
    const fresh = batch.filter((event) => !known.has(event.id));
    for (const stream of new Set(fresh.map((event) => event.stream))) {
      const expected = expectedVersion[stream];
      if (expected !== undefined && expected !== (versions.get(stream) ?? 0)) {
        return { answer: { kind: 'conflict', stream, position: last() }, written: [] };
      }
    }
    const written = fresh.map((event) => write(event as Fact & EventToAppend));
    return { answer: { kind: 'appended', position: last() }, written };
  }

  /** Folds everything appended so far into the table, as the projector's flush does. */
  function commit(): number {
    for (const event of events.slice(committed)) {
      const jobId = jobIdOf(event);
      if (jobId === undefined) continue;
      const job = evolvePrintJob(table.get(jobId), event);
      if (job !== undefined) table.set(jobId, job);
    }
    committed = last();
    return committed;
  }

  const jobs: PrinterJobs = {
    nextDue: (printer, now, backSince, excluding) =>
      [...table.values()]
        .filter((job) => job.printer === printer && !excluding.includes(job.jobId))
        .filter((job) => isDue(job, now, backSince))
        .sort(printOrder)[0],
    earliestRetry: (printer) =>
      [...table.values()]
        .filter((job) => job.printer === printer && job.state === 'retry-wait')
        .map((job) => job.nextAttemptAt)
        .filter((at) => at !== undefined)
        .sort()[0],
    earliestHold: (printer) =>
      [...table.values()]
        .filter((job) => job.printer === printer && job.state === 'scheduled')
        .map((job) => job.notBefore ?? '')
        .sort()[0],
    dueHolds: (printer, now) =>
      [...table.values()]
        .filter((job) => job.printer === printer && job.state === 'scheduled' && (job.notBefore ?? '') <= now)
        .sort((a, b) => (a.notBefore ?? '').localeCompare(b.notBefore ?? '')),
    printing: (printer) =>
      [...table.values()].filter((job) => job.printer === printer && job.state === 'printing'),
  };

  /** The job as the whole log tells it, committed or not: what the specs assert on. */
  function job(jobId: string): PrintJobView | undefined {
    let view: PrintJobView | undefined;
    for (const event of events) if (jobIdOf(event) === jobId) view = evolvePrintJob(view, event);
    return view;
  }

  return {
    events,
    jobs,
    append,
    record: write,
    commit,
    job,
    last,
    committed: () => committed,
  };
}

export type MemoryLog = ReturnType<typeof memoryLog>;
