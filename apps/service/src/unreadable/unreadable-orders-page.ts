import type { ListQuery, LiveUpdate, Page } from '@bonrelay/api';
import { openUnreadableOrders, type UnreadableOrder, type UnreadableOrders } from '@bonrelay/domain';
import { map, type Observable } from 'rxjs';

/** An open unreadable order as the API shows it: `needs-attention` once no fetch could read it. */
export type UnreadableOrderAnswer = UnreadableOrder & { readonly state: 'fetching' | 'needs-attention' };

/**
 * `GET /api/unreadable-orders`: what the dashboard's notice lists, oldest first. There are a handful
 * at most, so the cursor is simply the index to go on from. The raw body is not shown here: it is in
 * the log (`/api/events?type=OrderUnreadable`) for whoever must look at it.
 */
export function unreadableOrdersPage(state: UnreadableOrders, query: ListQuery): Page<UnreadableOrderAnswer> {
  const all = openUnreadableOrders(state).map(
    (open): UnreadableOrderAnswer => ({
      ...open,
      state: open.fetchError === undefined ? 'fetching' : 'needs-attention',
    }),
  );
  const start = Math.max(0, Number.parseInt(query.cursor ?? '0', 10) || 0);
  const end = start + query.limit;
  return { items: all.slice(start, end), next: end < all.length ? String(end) : null };
}

/** As many as a notice can sensibly list; more than this means something else is badly wrong. */
const shownOnDashboard = 50;

/** Pushes the notice's list to the dashboard whenever an unreadable order opens, fails or closes. */
export function unreadableOrdersUpdates(changes$: Observable<UnreadableOrders>): Observable<LiveUpdate> {
  return changes$.pipe(
    map((state) => ({
      event: 'unreadable',
      data: unreadableOrdersPage(state, { limit: shownOnDashboard }).items,
    })),
  );
}
