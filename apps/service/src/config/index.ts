export type { Config, PrinterConfig } from './config-schema.ts';
export { configSchema } from './config-schema.ts';
export { configDigest, describeConfig, withoutPassword } from './describe-config.ts';
export type { SmtpServer } from './email-schema.ts';
export { mailSender, parseSmtpUrl, redactSmtpUrl } from './email-schema.ts';
export { ConfigError, loadConfig } from './load-config.ts';
export { resolveWixPublicKey } from './wix-public-key.ts';
