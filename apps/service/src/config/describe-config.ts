import { createHash } from 'node:crypto';
import type { Config } from './config-schema.ts';
import { redactSmtpUrl } from './email-schema.ts';

const secretKeys = new Set(['token', 'apiKey', 'publicKey', 'webhookToken', 'webhookUrl', 'password']);

/** A database URL may carry its password (`postgres://user:secret@db/bonrelay`): mask it. */
export function withoutPassword(value: string): string {
  return value.replace(/^([a-z]+:\/\/[^:/@]*):[^@/]*@/, '$1:***@');
}

/** The config with secrets masked, for the start-up log and `ServiceStarted` (never leak a token). */
export function describeConfig(config: Config): unknown {
  return JSON.parse(
    JSON.stringify(config, (key, value) => {
      if (key === 'smtpUrl' && typeof value === 'string') return redactSmtpUrl(value);
      if (key === 'url' && typeof value === 'string') return withoutPassword(value);
      return secretKeys.has(key) && value !== undefined ? '***' : value;
    }),
  );
}

/** A short fingerprint so an audit can tell when the configuration changed between two starts. */
export function configDigest(config: Config): string {
  return createHash('sha256')
    .update(JSON.stringify(describeConfig(config)))
    .digest('hex')
    .slice(0, 16);
}
