export type { Config, PrinterConfig } from './config-schema.ts';
export { configSchema } from './config-schema.ts';
export { configDigest, describeConfig } from './describe-config.ts';
export { ConfigError, loadConfig } from './load-config.ts';
export { resolveWixPublicKey } from './wix-public-key.ts';
