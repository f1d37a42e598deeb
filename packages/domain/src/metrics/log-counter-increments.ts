import type { AnyDomainEvent } from '../events.ts';

/** The counters that are facts of the log, in the restaurant's words (the service names them for Prometheus). */
export type LogCounter = 'webhooks' | 'orders' | 'print-attempts';

/** One step of one counter: which counter, which labels, by how much. */
export interface LogCounterIncrement {
  readonly counter: LogCounter;
  readonly labels: Readonly<Record<string, string>>;
  readonly by: number;
}

/**
 * What one event adds to the log's counters (webhooks by outcome, orders by source, print attempts
 * by printer and outcome). Pure, so the counters are rows a view can keep and a restart resumes
 * from, rather than totals folded again from the first event.
 */
export function logCounterIncrementOf(event: AnyDomainEvent): LogCounterIncrement | undefined {
  switch (event.type) {
    case 'WebhookReceived':
      return { counter: 'webhooks', labels: { outcome: 'accepted' }, by: 1 };
    case 'OrderUnreadable':
      return { counter: 'webhooks', labels: { outcome: 'unreadable' }, by: 1 };
    case 'WebhookRejected':
      return {
        counter: 'webhooks',
        labels: { outcome: 'rejected', reason: event.data.reason },
        by: event.data.count,
      };
    case 'OrderReceived':
      return { counter: 'orders', labels: { source: event.data.order.source }, by: 1 };
    case 'PrintAttemptFailed':
      return {
        counter: 'print-attempts',
        labels: { printer: event.data.printer, outcome: event.data.failure },
        by: 1,
      };
    case 'PrintJobPrinted':
      return {
        counter: 'print-attempts',
        labels: { printer: event.data.printer, outcome: 'printed' },
        by: 1,
      };
    default:
      return undefined;
  }
}
