import { statfsSync } from 'node:fs';
import type { EventStore } from '@bonrelay/event-store';
import type { Config } from './config/index.ts';
import type { Logger } from './logger.ts';

/**
 * What an operator wants to know before the first order arrives: the log file is sound, and the
 * disk will not fill up tonight. A failed quick_check stops the start (better than printing from a
 * damaged log); low disk is a loud warning.
 */
export function startupChecks(store: EventStore, config: Config, logger: Logger): void {
  const check = store.connection.pragma('quick_check', { simple: true });
  if (check !== 'ok') throw new Error(`the log failed SQLite's quick_check: ${String(check)}`);
  const disk = statfsSync(config.dataDir);
  const freeBytes = disk.bavail * disk.bsize;
  if (freeBytes < config.database.lowDiskWarningBytes) {
    logger.warn(
      { freeBytes, dataDir: config.dataDir },
      'low disk space: orders are refused with 503 once it is full',
    );
  }
  logger.info({ events: store.lastPosition(), freeBytes }, 'log opened, quick_check ok');
}
