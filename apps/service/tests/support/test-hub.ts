import pino from 'pino';
import { type Config, loadConfig } from '../../src/config/index.ts';
import { addSite } from '../../src/hub/sites-registry.ts';
import { type RunningHub, startHub } from '../../src/hub/start-hub.ts';

export interface TestHub {
  readonly hub: RunningHub;
  readonly url: string;
  readonly logLines: string[];
  stop(): Promise<void>;
}

/** A real hub in this process on `databaseUrl`, on loopback (port 0 unless given), quiet but recorded. */
export async function startTestHub(
  databaseUrl: string,
  options: { port?: number; env?: Record<string, string>; adjust?: (config: Config) => Config } = {},
): Promise<TestHub> {
  const loaded = loadConfig({
    BONRELAY_ROLE: 'hub',
    BONRELAY_DATABASE_URL: databaseUrl,
    BONRELAY_PORT: String(options.port ?? 0),
    BONRELAY_LOG_LEVEL: 'silent',
    ...options.env,
  });
  const config = options.adjust ? options.adjust(loaded) : loaded;
  const logLines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
  const hub = await startHub(config, { logger });
  return { hub, url: hub.url, logLines, stop: () => hub.stop('test finished') };
}

/** Registers a site on the hub's database and returns its token, as `sites add` would. */
export async function registerSite(hub: TestHub, siteId: string, wixInstance?: string): Promise<string> {
  const added = await addSite(
    hub.hub.database.db,
    { siteId, ...(wixInstance ? { wixInstance } : {}) },
    new Date(),
  );
  if (!added.ok) throw new Error(added.problem);
  return added.token;
}

/** The config a site needs to replicate to `hub` fast enough for a spec. */
export function siteHubEnv(hubUrl: string, siteId: string, token: string): Record<string, string> {
  return { BONRELAY_HUB_URL: hubUrl, BONRELAY_SITE_ID: siteId, BONRELAY_HUB_TOKEN: token };
}

export const fastHubConfig = {
  hub: {
    idleIntervalMs: 25,
    requestTimeoutMs: 5_000,
    retry: { baseMs: 25, factor: 2, capMs: 200 },
    orderPollWaitMs: 2_000,
    orderPollIntervalMs: 25,
  },
};
