export type { Config, PrinterConfig } from './config/index.ts';
export { ConfigError, loadConfig } from './config/index.ts';
export type { RunningService, ServiceOverrides } from './start-service.ts';
export { startService } from './start-service.ts';
