import { readFileSync } from 'node:fs';
import type { Config } from './config-schema.ts';
import { ConfigError } from './load-config.ts';

/**
 * The PEM Wix signs webhooks with, from `wix.publicKey` or the file in `wix.publicKeyFile`;
 * `undefined` when neither is set (the webhook then answers 503 "not configured").
 */
export function resolveWixPublicKey(config: Config): string | undefined {
  if (config.wix.publicKey) return config.wix.publicKey;
  const file = config.wix.publicKeyFile;
  if (!file) return undefined;
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError([
      `wix.publicKeyFile (BONRELAY_WIX_PUBLIC_KEY_FILE): cannot read ${file} (${(error as NodeJS.ErrnoException).code})`,
    ]);
  }
  if (!pem.includes('BEGIN PUBLIC KEY')) {
    throw new ConfigError([
      `wix.publicKeyFile (BONRELAY_WIX_PUBLIC_KEY_FILE): ${file} is not a PEM public key`,
    ]);
  }
  return pem;
}
