import type { HubClient } from './hub-client.ts';
import type { ReplicatedRow } from './replicated-row.ts';

/** What a copy of the log answered: where it stands, or why it could not take rows now. */
export type DestinationAnswer =
  | { readonly kind: 'acknowledged'; readonly position: number }
  /** Nothing answered (cut, timed out, down): worth trying again after a pause. */
  | { readonly kind: 'unreachable'; readonly error: string }
  /** It answered no: a person has to look before it will take this log. */
  | { readonly kind: 'refused'; readonly error: string };

/**
 * Where a site's log is copied to, row for row as stored: the group's hub over HTTP, or a server
 * database of the site's own. Both judge a batch the same way (in order, chain intact, idempotent),
 * so the shipper is one loop for both.
 */
export interface LogDestination {
  /** Shown in health and logs; never carries a secret. */
  readonly name: string;
  acknowledgedPosition(): Promise<DestinationAnswer>;
  store(rows: readonly ReplicatedRow[]): Promise<DestinationAnswer>;
}

/** The hub's replication endpoints, their statuses read as the shipper needs them. */
export function hubLogDestination(client: HubClient, url: string): LogDestination {
  return {
    name: url,
    acknowledgedPosition: async () => {
      const answer = await client.get('/replication/position');
      if (!answer.ok) return { kind: 'unreachable', error: answer.error };
      if (answer.status !== 200)
        return {
          kind: 'refused',
          error: `${answer.status} ${String(answer.body.message ?? answer.body.error)}`,
        };
      return { kind: 'acknowledged', position: Number(answer.body.acknowledgedPosition) };
    },
    store: async (rows) => {
      const answer = await client.post('/replication/events', { events: rows });
      if (!answer.ok) return { kind: 'unreachable', error: answer.error };
      // 409: the hub holds a different prefix than we assumed; it says where to resume.
      if (answer.status === 200 || answer.status === 409)
        return { kind: 'acknowledged', position: Number(answer.body.acknowledgedPosition) };
      if (answer.status === 422)
        return {
          kind: 'refused',
          error: `the hub refuses our log: its hash chain breaks at position ${String(answer.body.brokenAt)} (run \`bonrelay verify\`)`,
        };
      const error = `${answer.status} ${String(answer.body.message ?? answer.body.error)}`;
      return answer.status >= 500 ? { kind: 'unreachable', error } : { kind: 'refused', error };
    },
  };
}
