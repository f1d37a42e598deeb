export type { Config, PrinterConfig } from './config/index.ts';
export { ConfigError, loadConfig } from './config/index.ts';
export { openServiceLog } from './service-log.ts';
export type { RunningService, ServiceOverrides } from './start-service.ts';
export { startService } from './start-service.ts';
export { stopOnSignals } from './stop-on-signals.ts';
