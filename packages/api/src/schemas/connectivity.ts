import { z } from '@hono/zod-openapi';
import {
  breakerStateSchema,
  connectivityModeSchema,
  internetStatusSchema,
  printerStatusSchema,
  timeSchema,
} from './words.ts';

/** What one printer is right now, as its monitor last found it. */
export const printerConnectivitySchema = z
  .object({
    printer: z.string(),
    status: printerStatusSchema,
    since: timeSchema,
    reason: z.string(),
    latencyMs: z.number().min(0).optional(),
    breaker: breakerStateSchema,
    breakerSince: timeSchema.optional(),
  })
  .openapi('PrinterConnectivity');

/** Whether Wix reaches this box by webhook, and how far our clock is from Wix's. */
export const wixHealthSchema = z
  .object({
    webhookPath: z.object({
      status: z.enum(['ok', 'gap']),
      gap: z
        .object({
          orders: z.number().int().min(0),
          oldestOrderId: z.string().optional(),
          oldestUpdatedAt: timeSchema.optional(),
          lastWebhookAt: timeSchema.optional(),
          detectedAt: timeSchema,
          cause: z.enum(['hub-unreachable']).optional(),
          hubDownSince: timeSchema.optional(),
        })
        .optional(),
      lastWebhookAt: timeSchema.optional(),
    }),
    clock: z.object({
      offsetMs: z.number().optional().openapi({ description: "Wix's time minus ours" }),
      source: z.enum(['wix-api-date', 'webhook-iat']).optional(),
      measuredAt: timeSchema.optional(),
      skewed: z.boolean(),
    }),
    publicPath: z
      .object({
        url: z.string(),
        status: z.enum(['unknown', 'reachable', 'unreachable']),
        since: timeSchema.optional(),
        detail: z.string().optional(),
      })
      .optional()
      .openapi({ description: 'The self-check through `server.publicUrl`, when set' }),
  })
  .openapi('WixHealth');

/** `GET /connectivity/status`: printers, internet and one word for the staff. */
export const connectivityStatusSchema = z
  .object({
    mode: connectivityModeSchema,
    warnings: z.array(z.string()),
    printers: z.array(printerConnectivitySchema),
    internet: z.object({
      status: internetStatusSchema,
      since: timeSchema.optional(),
      failedTargets: z.array(z.string()),
    }),
    wix: wixHealthSchema.optional(),
  })
  .openapi('ConnectivityStatus');

/** One stretch of time a printer or the internet was down, for the audit. */
export const offlinePeriodSchema = z
  .object({
    component: z
      .string()
      .regex(/^(printer:.+|internet|webhook-path)$/)
      .openapi({ description: '`printer:<name>`, `internet` or `webhook-path` (Wix could not reach us)' }),
    start: timeSchema,
    end: timeSchema.optional().openapi({ description: 'Absent while the outage goes on' }),
    durationMs: z.number().min(0),
    cause: z.string(),
    failedTargets: z.array(z.string()).optional(),
    ordersReceived: z.array(z.string()),
    jobsBuffered: z.number().int().min(0),
    backlogPrintedAfterMs: z.number().min(0).optional(),
    fallback: z
      .object({ printer: z.string(), failedOverAt: timeSchema, ticketsMoved: z.number().int().min(0) })
      .optional()
      .openapi({
        description: 'The printer failed over: which printer took its tickets, from when, how many',
      }),
  })
  .openapi('OfflinePeriod');

/** `POST /connectivity/check`: what probing everything once found. */
export const connectivityCheckSchema = z
  .object({
    internet: z.object({
      status: internetStatusSchema,
      failedTargets: z.array(z.string()),
      latencyMs: z.number().min(0),
    }),
    printers: z.array(
      z.object({
        printer: z.string(),
        status: printerStatusSchema,
        latencyMs: z.number().min(0),
        reason: z.string().optional(),
      }),
    ),
  })
  .openapi('ConnectivityCheck');
