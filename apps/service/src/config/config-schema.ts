import { isReceiptEncoding, receiptEncodings } from '@bonrelay/printing';
import { z } from 'zod';

/**
 * Every setting bonrelay has, with its default, in one place. Nothing else in the code may invent a
 * timeout, interval or retry count: it comes from here, so an operator can see and change it.
 */
const milliseconds = z.number().int().min(1).max(86_400_000);
const port = z.number().int().min(0).max(65_535);
const printerUrl = z.string().regex(/^tcp:\/\/[^\s:/]+(:\d{1,5})?$/, 'must look like tcp://host:port');
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24 h)');
const ticketKind = z.enum(['kitchen', 'customer', 'driver', 'cancellation', 'test']);
const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Europe/Berlin');

const printerSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'must be a short lower-case name like "kitchen"'),
  url: printerUrl,
  family: z.enum(['epson', 'star', 'generic']).default('epson'),
  cpl: z.number().int().min(24).max(64).default(48),
  encoding: z
    .string()
    .refine(isReceiptEncoding, { message: `must be one of ${receiptEncodings.join(', ')}` })
    .default('multilingual'),
});

export const configSchema = z.strictObject({
  server: z
    .strictObject({
      host: z.string().min(1).default('127.0.0.1'),
      port: port.default(8080),
      bodyLimitBytes: z.number().int().min(1024).default(1_048_576),
      retryAfterSeconds: z.number().int().min(1).max(86_400).default(30),
      liveUpdateIntervalMs: z.number().int().min(0).max(60_000).default(250),
      stopGraceMs: milliseconds.default(500),
    })
    .prefault({}),
  dataDir: z.string().min(1).default('./data'),
  database: z
    .strictObject({
      busyTimeoutMs: milliseconds.default(5_000),
      viewFlushIntervalMs: z.number().int().min(0).max(60_000).default(20),
      viewProgressLogMs: milliseconds.default(1_000),
      lowDiskWarningBytes: z
        .number()
        .int()
        .min(0)
        .default(200 * 1024 * 1024),
      /** A server database (`postgres://…`); a hub needs one (`sqlite:<file>` serves tests). */
      url: z
        .string()
        .regex(/^(postgres(ql)?|sqlite):/, 'must start with postgres:// or sqlite:')
        .optional(),
    })
    .prefault({}),
  businessDay: z
    .strictObject({
      startsAt: clockTime.default('04:00'),
      timeZone: timeZone.default(Intl.DateTimeFormat().resolvedOptions().timeZone),
    })
    .prefault({}),
  api: z
    .strictObject({ token: z.string().min(16, 'must be at least 16 characters').optional() })
    .prefault({}),
  wix: z
    .strictObject({
      publicKey: z.string().includes('BEGIN PUBLIC KEY', { message: 'must be a PEM public key' }).optional(),
      publicKeyFile: z.string().optional(),
      apiBase: z.url().default('https://www.wixapis.com'),
      apiKey: z.string().optional(),
      siteId: z.string().optional(),
      timeoutMs: milliseconds.default(5_000),
      retries: z.number().int().min(0).max(10).default(2),
      retryDelayMs: milliseconds.default(1_000),
      reconcileSafetyMarginMs: milliseconds.default(600_000),
      reconcileLookbackMs: milliseconds.default(86_400_000),
      rejectionWindowMs: milliseconds.default(60_000),
    })
    .prefault({}),
  printers: z.array(printerSchema).default([]),
  routing: z.partialRecord(ticketKind, z.string()).default({}),
  tickets: z
    .strictObject({
      enabled: z.array(ticketKind).default(['kitchen', 'customer', 'driver']),
      restaurant: z
        .strictObject({
          name: z.string().default('Our Restaurant'),
          address: z.string().optional(),
          phone: z.string().optional(),
          vatId: z.string().optional(),
        })
        .prefault({}),
      thankYou: z.string().default('Thank you and enjoy your meal!'),
      customerQrUrl: z.url().optional(),
      locale: z.string().default('en-GB'),
    })
    .prefault({}),
  priorities: z
    .strictObject({
      urgentWords: z.array(z.string().min(2)).optional(),
      highTotalMinor: z.number().int().min(0).default(10_000),
    })
    .prefault({}),
  printing: z
    .strictObject({
      connectTimeoutMs: milliseconds.default(2_000),
      statusTimeoutMs: milliseconds.default(1_000),
      completionTimeoutMs: milliseconds.default(20_000),
      backoff: z
        .strictObject({
          baseMs: milliseconds.default(1_000),
          factor: z.number().min(1).max(10).default(2),
          capMs: milliseconds.default(60_000),
        })
        .prefault({}),
      maxAttempts: z.number().int().min(1).max(1_000).default(8),
      breakerFailureThreshold: z.number().int().min(1).max(100).default(3),
      stopTimeoutMs: milliseconds.default(10_000),
    })
    .prefault({}),
  monitor: z
    .strictObject({
      printerIdleIntervalMs: milliseconds.default(10_000),
      printerFastIntervalMs: milliseconds.default(250),
      printerProbeTimeoutMs: milliseconds.default(1_000),
      printerAgreeingProbes: z.number().int().min(1).max(20).default(2),
      internetProbes: z.string().default('1.1.1.1:53,8.8.8.8:53,208.67.222.222:53'),
      internetIntervalMs: milliseconds.default(15_000),
      internetProbeTimeoutMs: milliseconds.default(2_000),
      internetAgreeingProbes: z.number().int().min(1).max(20).default(2),
    })
    .prefault({}),
  alerts: z
    .strictObject({
      /** Without a URL alerts are still recorded in the log and shown, just not sent anywhere. */
      webhookUrl: z.url().optional(),
      webhookToken: z.string().min(1).optional(),
      printerOfflineAfterMs: milliseconds.default(120_000),
      queueAgeThresholdMs: milliseconds.default(300_000),
      paperNearEnd: z.boolean().default(true),
      checkIntervalMs: milliseconds.default(15_000),
      deliveryTimeoutMs: milliseconds.default(5_000),
      retry: z
        .strictObject({
          baseMs: milliseconds.default(2_000),
          factor: z.number().min(1).max(10).default(2),
          capMs: milliseconds.default(300_000),
          maxAttempts: z.number().int().min(1).max(100).default(8),
        })
        .prefault({}),
    })
    .prefault({}),
  security: z.strictObject({ keyFile: z.string().optional() }).prefault({}),
  /** `hub`: the group's server (sites registry, replication, the public webhook); `site`: a restaurant. */
  role: z.enum(['site', 'hub']).default('site'),
  hub: z
    .strictObject({
      /** Where a site replicates to and pulls its orders from; unset = a standalone restaurant. */
      url: z.url().optional(),
      siteId: z
        .string()
        .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a short lower-case id like "berlin-mitte"')
        .optional(),
      token: z.string().min(16, 'must be the token `sites add` printed').optional(),
      batchSize: z.number().int().min(1).max(50_000).default(5_000),
      idleIntervalMs: milliseconds.default(1_000),
      requestTimeoutMs: milliseconds.default(30_000),
      retry: z
        .strictObject({
          baseMs: milliseconds.default(1_000),
          factor: z.number().min(1).max(10).default(2),
          capMs: milliseconds.default(60_000),
        })
        .prefault({}),
      /** How long the hub holds a site's order poll open when nothing is waiting. */
      orderPollWaitMs: milliseconds.default(25_000),
      /** How often a held poll looks for new orders (the database, so every replica sees them). */
      orderPollIntervalMs: milliseconds.default(250),
      replicationBodyLimitBytes: z
        .number()
        .int()
        .min(1024)
        .default(256 * 1024 * 1024),
      /** How often the hub's overview page reloads itself. */
      dashboardRefreshMs: milliseconds.default(10_000),
    })
    .prefault({}),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** The validated configuration the composition root hands to every component. */
export type Config = z.infer<typeof configSchema>;
export type PrinterConfig = z.infer<typeof printerSchema>;
