import pino, { type Logger } from 'pino';
import { redactPersonalData } from './privacy/redact-personal-data.ts';

/**
 * Structured JSON logs on stdout. Personal data and secrets are redacted by path, so a log shipped
 * off the box for support never carries a guest's phone number or the API token.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'bonrelay' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Paths below catch the usual places; this catches personal fields at any depth.
      formatters: { log: redactPersonalData },
      redact: {
        paths: [
          '*.token',
          '*.apiKey',
          '*.publicKey',
          'order.customer',
          'order.note',
          'order.fulfilment.address',
          '*.customer',
          '*.phone',
          '*.email',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

export type { Logger };
