import { ConfigError, loadConfig } from './config/index.ts';
import { hubRoleProblems } from './hub/hub-role-problems.ts';
import { startHub } from './hub/start-hub.ts';
import { openServiceLog } from './service-log.ts';
import { startService } from './start-service.ts';
import { stopOnSignals } from './stop-on-signals.ts';

/**
 * `npm start`: validate config (a bad key stops the start with a message naming it), start
 * everything, and stop cleanly on SIGTERM / SIGINT so the last job in flight is recorded — within a
 * bounded time, whoever reads (or no longer reads) the log.
 */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
    const problems = hubRoleProblems(config);
    if (problems.length > 0) throw new ConfigError(problems);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const log = await openServiceLog(config.logLevel);
  const start = config.role === 'hub' ? startHub : startService;
  const service = start(config, { logger: log.logger }).catch((error: unknown) => {
    process.stderr.write(
      `bonrelay cannot start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(3);
  });
  // Listening before the start returns: a SIGTERM in that moment waits for the start, then stops
  // cleanly, instead of killing a service that already holds its lock and its log.
  stopOnSignals({ stop: async (reason) => (await service).stop(reason) }, log, config);
  await service;
}

await main();
