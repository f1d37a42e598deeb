import type { AnyDomainEvent, PrinterStatus } from '../../src/index.ts';
import { eventLog, sampleOrder } from './domain-events.ts';

/**
 * A Friday evening in Berlin (times UTC, local = +2): the kitchen printer drops out twice, the
 * internet degrades then fails while the first outage is on, orders keep arriving, and the buffered
 * tickets print after recovery. The audit specifications check every figure against this story.
 */
export function fridayOutages(): AnyDomainEvent[] {
  const event = eventLog();
  const day = (time: string) => `2024-05-10T${time}.000Z`;
  const kitchen = (time: string, from: PrinterStatus, to: PrinterStatus) =>
    event('PrinterStatusChanged', day(time), { printer: 'kitchen', from, to, reason: to });
  const order = (time: string, id: string) =>
    event('OrderReceived', day(time), { order: sampleOrder({ id }) });
  const queued = (time: string, jobId: string, orderId: string, printer: string) =>
    event('PrintJobQueued', day(time), {
      jobId,
      orderId,
      ticket: 'kitchen',
      printer,
      priority: 'high',
      reprint: false,
    });
  const printed = (time: string, jobId: string, printer = 'kitchen') =>
    event('PrintJobPrinted', day(time), { jobId, printer, attempt: 1, confirmation: 'confirmed' });
  return [
    kitchen('17:00:00', 'unknown', 'online'),
    event('PrinterStatusChanged', day('17:00:00'), {
      printer: 'bar',
      from: 'unknown',
      to: 'online',
      reason: 'ok',
    }),
    event('InternetStatusChanged', day('17:00:00'), { from: 'unknown', to: 'online', failedTargets: [] }),
    kitchen('17:40:00', 'online', 'offline'),
    order('17:42:00', 'o1'),
    queued('17:42:00', 'j1', 'o1', 'kitchen'),
    queued('17:42:00', 'j2', 'o1', 'bar'),
    printed('17:42:05', 'j2', 'bar'),
    event('InternetStatusChanged', day('17:45:00'), {
      from: 'online',
      to: 'degraded',
      failedTargets: ['www.wixapis.com'],
    }),
    kitchen('17:50:00', 'offline', 'paper-end'),
    order('17:52:00', 'o2'),
    queued('17:52:00', 'j3', 'o2', 'kitchen'),
    event('InternetStatusChanged', day('17:55:00'), {
      from: 'degraded',
      to: 'offline',
      failedTargets: ['1.1.1.1', 'www.wixapis.com'],
    }),
    kitchen('18:00:00', 'paper-end', 'online'),
    printed('18:00:30', 'j1'),
    printed('18:01:00', 'j3'),
    order('18:05:00', 'o3'),
    queued('18:05:00', 'j4', 'o3', 'kitchen'),
    printed('18:05:10', 'j4'),
    event('InternetStatusChanged', day('18:10:00'), { from: 'offline', to: 'online', failedTargets: [] }),
    kitchen('19:40:00', 'online', 'cover-open'),
    order('19:41:00', 'o4'),
    queued('19:41:00', 'j5', 'o4', 'kitchen'),
    queued('19:41:00', 'j6', 'o4', 'kitchen'),
    event('PrintJobCancelled', day('19:50:00'), { jobId: 'j6', reason: 'order canceled' }),
    kitchen('20:15:00', 'cover-open', 'online'),
    printed('20:16:00', 'j5'),
    order('20:30:00', 'o5'),
  ];
}
