import { z } from '@hono/zod-openapi';

// The restaurant's closed vocabularies, named once so the document shows each as one component.

export const ticketKindSchema = z
  .enum(['kitchen', 'customer', 'driver', 'cancellation', 'test'])
  .openapi('TicketKind');

export const prioritySchema = z.enum(['critical', 'high', 'normal']).openapi('Priority');

export const printJobStateSchema = z
  .enum(['scheduled', 'queued', 'printing', 'retry-wait', 'printed', 'gave-up', 'cancelled'])
  .openapi('PrintJobState');

export const printFailureSchema = z
  .enum(['refused', 'unreachable', 'timeout', 'reset-mid-job', 'paper-end', 'cover-open', 'offline', 'error'])
  .openapi('PrintFailure');

export const printConfirmationSchema = z.enum(['confirmed', 'written']).openapi('PrintConfirmation');

export const printerStatusSchema = z
  .enum(['unknown', 'online', 'paper-near-end', 'paper-end', 'cover-open', 'error', 'offline'])
  .openapi('PrinterStatus');

export const internetStatusSchema = z
  .enum(['unknown', 'online', 'degraded', 'offline'])
  .openapi('InternetStatus');

export const connectivityModeSchema = z
  .enum(['unknown', 'online', 'degraded', 'offline', 'full-offline'])
  .openapi('ConnectivityMode');

export const breakerStateSchema = z.enum(['closed', 'open', 'half-open']).openapi('BreakerState');

export const orderSourceSchema = z.enum(['wix', 'local', 'reconciliation']).openapi('OrderSource');

/** Times bonrelay stamps itself (ISO 8601 from its clock). */
export const timeSchema = z.iso.datetime({ offset: true });
