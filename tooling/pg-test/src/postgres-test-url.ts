import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const variable = 'BONRELAY_TEST_POSTGRES_URL';
const ensureModule = join(import.meta.dirname, '..', '..', 'setup', 'ensure-postgres.mjs');

interface EnsureModule {
  ensurePostgres(options: { root: string; say: (message: string) => void }): Promise<Record<string, string>>;
}

let started: Promise<string> | undefined;

/**
 * The URL of the test cluster. `npm test` hands it over in BONRELAY_TEST_POSTGRES_URL; a file run
 * by hand starts the same throwaway cluster through the setup's own ensure module, and where that
 * cannot be done the PostgreSQL variant fails and says how to get one, rather than passing unseen.
 */
export function postgresTestUrl(): Promise<string> {
  const given = process.env[variable];
  if (given !== undefined && given !== '') return Promise.resolve(given);
  started ??= (async () => {
    const { ensurePostgres } = (await import(pathToFileURL(ensureModule).href)) as EnsureModule;
    const root = join(import.meta.dirname, '..', '..', '..');
    const env = await ensurePostgres({
      root,
      say: (message) => process.stderr.write(`[pg-test] ${message}\n`),
    });
    const url = env[variable];
    if (url === undefined) {
      throw new Error(
        `${variable} is not set and no test PostgreSQL could be started here: run the tests through ` +
          "`npm test` (it installs and starts one), or as root with Debian's postgresql installable, " +
          `or set ${variable}=postgres://user@127.0.0.1:<port>/postgres to a server you may create databases on`,
      );
    }
    process.env[variable] = url;
    return url;
  })();
  return started;
}
