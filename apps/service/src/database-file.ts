import { join } from 'node:path';
import type { Config } from './config/index.ts';

/** Where the log lives: one SQLite file in the data directory (back it up, and you have everything). */
export function databaseFile(config: Config): string {
  return join(config.dataDir, 'bonrelay.db');
}
