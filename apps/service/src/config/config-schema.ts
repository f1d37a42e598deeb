import { isReceiptEncoding, PrinterUrlError, parsePrinterTarget, receiptEncodings } from '@bonrelay/printing';
import { z } from 'zod';
import { cloudprntConfigProblems } from '../cloudprnt/cloudprnt-config-problems.ts';
import { emailAlertsSchema } from './email-schema.ts';
import { localeSetting, type WithSectionLocales } from './locale-setting.ts';

/**
 * Every setting bonrelay has, with its default, in one place. Nothing else in the code may invent a
 * timeout, interval or retry count: it comes from here, so an operator can see and change it.
 */
const milliseconds = z.number().int().min(1).max(86_400_000);
const port = z.number().int().min(0).max(65_535);
const printerUrl = z.string().superRefine((url, context) => {
  try {
    parsePrinterTarget(url);
  } catch (error) {
    if (!(error instanceof PrinterUrlError)) throw error;
    context.addIssue({ code: 'custom', message: error.reason });
  }
});
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24 h)');
const ticketKind = z.enum(['kitchen', 'customer', 'driver', 'cancellation', 'test']);
/** A pre-order's ticket prints when the order arrives, or waits for prep time. */
const scheduledPolicy = z.enum(['at-once', 'prep-time']);
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
  /** CloudPRNT printers: the poll interval set on the printer; silence for 3× this means offline. */
  pollIntervalMs: milliseconds.default(5_000),
  /** CloudPRNT printers: the HTTP Basic credentials set on the printer, which it sends with each request. */
  username: z.string().min(1).optional(),
  password: z.string().min(1).optional(),
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
      /** The address Wix posts webhooks to (tunnel / port forward); enables the webhook-path self-check. */
      publicUrl: z.url({ protocol: /^https?$/ }).optional(),
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
      /**
       * A PostgreSQL server for a hub's tables (`sqlite:<file>` serves tests); a site keeps its log
       * in SQLite in `dataDir`.
       */
      url: z
        .string()
        .regex(
          /^(postgres(ql)?:\/\/\S+|sqlite:\S+)$/,
          'must be a postgres:// URL such as postgres://bonrelay@db.example:5432/bonrelay',
        )
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
      /** Catch-up while online: how often Wix is asked for orders created or changed since the last pass. */
      reconcileIntervalMs: milliseconds.default(60_000),
      /** How late a webhook may be after its order's `updatedDate` before the path counts as broken. */
      webhookGraceMs: milliseconds.default(120_000),
      /** Leeway on a webhook token's `exp`/`nbf` for a clock that is off (a Pi after a power cut). */
      clockToleranceMs: z.number().int().min(0).max(86_400_000).default(300_000),
      /** Our clock this far from Wix's is recorded as `ClockSkew` and alerted. */
      clockSkewAlertMs: milliseconds.default(60_000),
    })
    .prefault({}),
  printers: z
    .array(printerSchema)
    .superRefine((printers, context) => {
      for (const problem of cloudprntConfigProblems(printers)) {
        context.addIssue({ code: 'custom', path: [...problem.path], message: problem.message });
      }
    })
    .default([]),
  routing: z
    .strictObject({
      kitchen: z.string().optional(),
      customer: z.string().optional(),
      driver: z.string().optional(),
      cancellation: z.string().optional(),
      test: z.string().optional(),
      /** `{ "kitchen": "bar" }`: the kitchen's waiting tickets print on `bar` while the kitchen printer is down. */
      fallback: z.record(z.string(), z.string()).default({}),
    })
    .prefault({}),
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
      /** Without one, the footer is the catalog's thanks in the tickets' language. */
      thankYou: z.string().optional(),
      customerQrUrl: z.url().optional(),
      locale: localeSetting.optional(),
      /** Pre-orders whose slot starts further ahead than this hold their `whenScheduled: 'prep-time'` tickets. */
      holdScheduledBeyondMinutes: z.number().int().min(0).max(10_080).default(90),
      /** Held tickets print this long before the slot starts. */
      prepLeadMinutes: z.number().int().min(0).max(1_440).default(30),
      whenScheduled: z
        .strictObject({
          kitchen: scheduledPolicy.default('prep-time'),
          customer: scheduledPolicy.default('at-once'),
          driver: scheduledPolicy.default('prep-time'),
        })
        .prefault({}),
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
      /** A CloudPRNT job fetched but not confirmed this long is treated like a crash mid-print. */
      cloudprntConfirmTimeoutMs: milliseconds.default(60_000),
      /** How long a CloudPRNT poll may wait for a ticket about to be offered (0: answer at once). */
      cloudprntPollHoldMs: z.number().int().min(0).max(10_000).default(1_000),
      /** How long a printer is down, with tickets waiting, before they go to its `routing.fallback`. */
      fallbackAfterMs: milliseconds.default(120_000),
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
      /** With `server.publicUrl`: how often `<public url>/health` is fetched through the public path. */
      webhookPathIntervalMs: milliseconds.default(300_000),
    })
    .prefault({}),
  alerts: z
    .strictObject({
      /** Without a URL alerts are still recorded in the log and shown, just not sent anywhere. */
      webhookUrl: z.url().optional(),
      webhookToken: z.string().min(1).optional(),
      locale: localeSetting.optional(),
      printerOfflineAfterMs: milliseconds.default(120_000),
      queueAgeThresholdMs: milliseconds.default(300_000),
      paperNearEnd: z.boolean().default(true),
      checkIntervalMs: milliseconds.default(15_000),
      /** The dashboard sounds once a down printer's tickets have waited this long. */
      soundAfterMs: milliseconds.default(60_000),
      deliveryTimeoutMs: milliseconds.default(5_000),
      retry: z
        .strictObject({
          baseMs: milliseconds.default(2_000),
          factor: z.number().min(1).max(10).default(2),
          capMs: milliseconds.default(300_000),
          maxAttempts: z.number().int().min(1).max(100).default(8),
        })
        .prefault({}),
      email: emailAlertsSchema.prefault({}),
    })
    .prefault({}),
  security: z.strictObject({ keyFile: z.string().optional() }).prefault({}),
  /** The language of everything a person reads; each section below may override it. */
  locale: localeSetting.default('en-GB'),
  dashboard: z.strictObject({ locale: localeSetting.optional() }).prefault({}),
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
      /**
       * The sites' views are folded when a batch is ingested; this round runs anyway this often, for
       * a wake-up that was lost.
       */
      viewSafetyRoundMs: milliseconds.default(5_000),
    })
    .prefault({}),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** USB printers (`usb://…`): where the kernel lists them, and how closely they are watched. */
  usb: z
    .strictObject({
      sysfsRoot: z.string().min(1).default('/sys'),
      devRoot: z.string().min(1).default('/dev'),
      /** Between cheap "is the device node there?" checks, so an unplug or re-plug is seen at once. */
      presenceIntervalMs: milliseconds.default(250),
      /** Between reads of a silent device (its reads never block, see usb-device-connection.ts). */
      devicePollMs: milliseconds.default(5),
    })
    .prefault({}),
});

/** The validated configuration the composition root hands to every component. */
export type Config = WithSectionLocales<z.infer<typeof configSchema>>;
export type PrinterConfig = z.infer<typeof printerSchema>;
