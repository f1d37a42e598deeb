import { z } from '@hono/zod-openapi';
import {
  printConfirmationSchema,
  printFailureSchema,
  printJobStateSchema,
  prioritySchema,
  ticketKindSchema,
  timeSchema,
} from './words.ts';

/** One ticket on its way to paper: a row of the print jobs table (the domain's `PrintJobView`). */
export const printJobSchema = z
  .object({
    jobId: z.string(),
    orderId: z.string(),
    ticket: ticketKindSchema,
    printer: z.string(),
    priority: prioritySchema,
    reprint: z.boolean(),
    possibleDuplicate: z
      .boolean()
      .openapi({ description: 'Requeued after a crash mid-print: the paper may already be in the kitchen' }),
    state: printJobStateSchema,
    attempts: z.number().int().min(0).openapi({ description: 'Attempts that reached the printer' }),
    totalAttempts: z.number().int().min(0),
    nextAttemptAt: timeSchema.optional(),
    notBefore: timeSchema.optional().openapi({
      description: 'A pre-order ticket held (state scheduled) until then: slot start minus prep lead',
    }),
    slotStartsAt: timeSchema
      .optional()
      .openapi({ description: "When the guest's pickup or delivery slot starts" }),
    fallbackFor: z.string().optional().openapi({
      description: 'Moved to this printer while the one named here was down (a fallback ticket)',
    }),
    lastFailure: printFailureSchema.optional(),
    lastFailureCounted: z.boolean().optional(),
    lastFailedAt: timeSchema.optional(),
    lastDetail: z.string().optional(),
    confirmation: printConfirmationSchema.optional(),
    queuedAt: timeSchema,
    printedAt: timeSchema.optional(),
    updatedAt: timeSchema,
    sequence: z.number().int().openapi({ description: 'Log position of the queue event; the list cursor' }),
    version: z.number().int(),
  })
  .openapi('PrintJob');

const countsByState = z.record(printJobStateSchema, z.number().int().min(0));

/** `GET /offline/queue/status`: whether tickets are stuck, without listing every job. */
export const queueSummarySchema = z
  .object({
    total: z.number().int().min(0),
    byState: countsByState,
    byPrinter: z.record(z.string(), countsByState),
    oldestWaitingMs: z.number().min(0).nullable(),
    oldestWaitingJobId: z.string().nullable(),
    nextAttemptAt: timeSchema.nullable(),
  })
  .openapi('QueueSummary');
