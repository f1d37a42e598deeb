import { PostgresAdapter, sql, type Transaction } from 'kysely';
import { type Observable, type SchedulerLike, Subject } from 'rxjs';
import type { Logger } from '../logger.ts';
import type { HubTables } from './hub-tables.ts';
import { listenToChannel } from './pg-channel-listener.ts';

/** The channel every replica's view projector listens on; the payload is the site that replicated. */
const channel = 'bonrelay_hub_ingests';

const ingestedHere = new Subject<string>();

/**
 * Inside the ingest's transaction, so PostgreSQL delivers it to every listening replica at commit
 * (and never for a batch that rolled back). Elsewhere nothing: a `sqlite:` hub is one process.
 */
export async function notifyIngest(trx: Transaction<HubTables>, siteId: string): Promise<void> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter)
    await sql`select pg_notify(${channel}, ${siteId})`.execute(trx);
}

/** After the ingest committed: tells the projectors of this very process (a `sqlite:` hub, a site's own copy). */
export function announceIngestHere(siteId: string): void {
  ingestedHere.next(siteId);
}

/** Every site whose batch this process committed, as it commits: enough where one process writes. */
export function ingestsHere(): Observable<string> {
  return ingestedHere.asObservable();
}

export interface IngestWakeups {
  /** The site that replicated a batch, on whichever replica took it. */
  readonly ingested: Observable<string>;
  close(): Promise<void>;
}

export interface IngestWakeupOptions {
  readonly dialect: 'postgres' | 'sqlite';
  readonly url: string;
  readonly scheduler: SchedulerLike;
  readonly reconnectMs: number;
  readonly logger: Logger;
}

/**
 * What wakes a hub's view projector: on PostgreSQL a LISTEN on the ingest channel, so a batch any
 * replica took is folded at once (this replica's own batches come the same way); on a `sqlite:`
 * hub this process's own ingests.
 */
export async function startIngestWakeups(options: IngestWakeupOptions): Promise<IngestWakeups> {
  if (options.dialect === 'sqlite') return { ingested: ingestsHere(), close: async () => undefined };
  const ingested = new Subject<string>();
  const listener = await listenToChannel({
    url: options.url,
    channel,
    onNotification: (siteId) => ingested.next(siteId),
    scheduler: options.scheduler,
    reconnectMs: options.reconnectMs,
    logger: options.logger,
    fallback:
      "the ingest wake-up connection dropped; the sites' views are brought up to date by the safety round meanwhile",
  });
  return {
    ingested: ingested.asObservable(),
    close: async () => {
      await listener.close();
      ingested.complete();
    },
  };
}
