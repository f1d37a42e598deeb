import { randomUUID } from 'node:crypto';
import type { Answer, BonrelayPorts, Refusal } from '@bonrelay/api';
import {
  type EventToAppend,
  eventToAppend,
  type PrintJobOptions,
  releaseEvent,
  reprintJobFor,
  streams,
  type TicketKind,
} from '@bonrelay/domain';
import type { EventStore } from '@bonrelay/event-store';
import { storeFailureAnswer } from '../ingress/store-answers.ts';
import { localOrderFrom } from '../orders/local-order.ts';
import type { BonrelayViews } from '../projections/bonrelay-views.ts';

type CommandPorts = Pick<
  BonrelayPorts,
  'createLocalOrder' | 'reprintOrder' | 'retryPrintJob' | 'printTestTicket' | 'printHeldJobNow'
>;

export interface CommandContext {
  readonly store: EventStore;
  readonly views: BonrelayViews;
  readonly clock: () => Date;
  readonly jobs: PrintJobOptions;
  readonly printers: readonly string[];
  readonly consequences: (events: readonly EventToAppend[]) => EventToAppend[];
  readonly retryAfterSeconds: number;
}

/** Appends a command's events, answering 503 (not 500) when the disk is full. */
function appendAnswer<Ok extends Answer<number, unknown>>(
  store: EventStore,
  events: readonly EventToAppend[],
  source: string,
  ok: Ok,
  retryAfterSeconds: number,
): Ok | Refusal<503> {
  try {
    store.append(events.map((event) => ({ ...event, metadata: { source } })));
    return ok;
  } catch (error) {
    const answer = storeFailureAnswer(error, retryAfterSeconds);
    if (answer) return answer;
    throw error;
  }
}

/** The manager's commands: every one becomes events in the log, nothing is changed in place. */
export function commandPorts(context: CommandContext): CommandPorts {
  const { store, views } = context;
  return {
    createLocalOrder: (input) => {
      const order = localOrderFrom(input, context.clock());
      const received = eventToAppend('OrderReceived', streams.order(order.id), `order-received:${order.id}`, {
        order,
      });
      return appendAnswer(
        store,
        [received, ...context.consequences([received])],
        'local',
        {
          status: 201,
          body: { orderId: order.id },
        },
        context.retryAfterSeconds,
      );
    },
    reprintOrder: (orderId, request) => {
      // A reprint asked for a moment ago must be counted, so the n-th reprint gets a new job id.
      views.tables.flush();
      const order = views.orders.order(orderId);
      if (!order) return { status: 404, body: { error: 'not-found', message: 'no such order' } };
      const tickets = views.jobs.jobsOfOrder(orderId);
      const wanted: readonly TicketKind[] =
        request.tickets ??
        tickets
          .filter((ticket) => !ticket.reprint && ticket.ticket !== 'cancellation')
          .map((ticket) => ticket.ticket);
      const events = wanted.map((ticket) => {
        const n = tickets.filter((t) => t.ticket === ticket && t.reprint).length + 1;
        return reprintJobFor(order.order, ticket, n, {
          routing: context.jobs.routing,
          rules: context.jobs.rules,
        });
      });
      return appendAnswer(
        store,
        events,
        'manager',
        {
          status: 202,
          body: { orderId, jobIds: events.map((event) => event.data.jobId) },
        },
        context.retryAfterSeconds,
      );
    },
    retryPrintJob: (jobId) => {
      const job = views.jobs.job(jobId);
      if (!job) return { status: 404, body: { error: 'not-found', message: 'no such print job' } };
      if (job.state !== 'gave-up') {
        return {
          status: 409,
          body: {
            error: 'not-given-up',
            message: `the job is ${job.state}; only a job that gave up can be retried`,
          },
        };
      }
      const revived = eventToAppend(
        'PrintJobRevived',
        streams.printJob(jobId),
        `print-job-revived:${randomUUID()}`,
        { jobId },
      );
      return appendAnswer(
        store,
        [revived],
        'manager',
        { status: 202, body: { jobId } },
        context.retryAfterSeconds,
      );
    },
    printHeldJobNow: (jobId) => {
      views.tables.flush();
      const job = views.jobs.job(jobId);
      if (!job) return { status: 404, body: { error: 'not-found', message: 'no such print job' } };
      if (job.state !== 'scheduled') {
        return {
          status: 409,
          body: {
            error: 'not-scheduled',
            message: `the job is ${job.state}; only a held ticket can print now`,
          },
        };
      }
      return appendAnswer(
        store,
        [releaseEvent(job, 'print-now')],
        'manager',
        { status: 202, body: { jobId } },
        context.retryAfterSeconds,
      );
    },
    printTestTicket: (printer) => {
      const target = printer ?? context.jobs.routing.test;
      if (!context.printers.includes(target)) {
        return { status: 404, body: { error: 'not-found', message: `no printer named ${target}` } };
      }
      const jobId = `test/${randomUUID()}`;
      const queued = eventToAppend('PrintJobQueued', streams.printJob(jobId), `print-job-queued:${jobId}`, {
        jobId,
        orderId: 'test',
        ticket: 'test',
        printer: target,
        priority: 'normal',
        reprint: false,
      });
      return appendAnswer(
        store,
        [queued],
        'manager',
        { status: 202, body: { jobId } },
        context.retryAfterSeconds,
      );
    },
  };
}
