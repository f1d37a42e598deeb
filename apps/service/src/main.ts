import { ConfigError, loadConfig } from './config/index.ts';
import { startService } from './start-service.ts';

/**
 * `npm start`: validate config (a bad key stops the start with a message naming it), start
 * everything, and stop cleanly on SIGTERM / SIGINT so the last job in flight is recorded.
 */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const service = await startService(config).catch((error: unknown) => {
    process.stderr.write(
      `bonrelay cannot start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(3);
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    void service.stop(signal).then(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

await main();
