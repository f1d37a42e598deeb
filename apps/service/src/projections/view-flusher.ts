import type { SchedulerLike, Subscription } from 'rxjs';
import type { RunningView } from './projection-runner.ts';
import type { ReadTables } from './read-tables.ts';

export interface ViewFlusher {
  /** Something changed: write it within `delayMs` (requests meanwhile join the same commit). */
  request(): void;
  /** Write everything pending now. */
  flush(): void;
  /** Write what is pending and stop. */
  stop(): void;
}

/**
 * Writes every view's changed rows and checkpoint in one transaction, at most once per `delayMs`.
 * Views are current in memory and derivable from the log, so their rows need not cost a disk flush
 * per order: a burst of webhooks becomes one commit, and the read tables never slow the ingress.
 */
export function createViewFlusher(
  tables: ReadTables,
  views: readonly RunningView<unknown>[],
  scheduler: SchedulerLike,
  delayMs: number,
): ViewFlusher {
  let scheduled: Subscription | undefined;
  let stopped = false;
  const flush = () => {
    scheduled?.unsubscribe();
    scheduled = undefined;
    const commits = views.flatMap((view) => {
      const commit = view.pendingCommit();
      return commit ? [{ view, commit }] : [];
    });
    if (commits.length === 0) return;
    try {
      tables.commitMany(commits.map(({ commit }) => commit));
    } catch {
      // The log is the truth and the views stay current in memory; rows catch up on the next
      // batch (e.g. once a full disk has room again).
      return;
    }
    for (const { view, commit } of commits) view.committed(commit, commit.state);
  };
  return {
    request: () => {
      if (scheduled || stopped) return;
      let ran = false;
      const action = scheduler.schedule(() => {
        ran = true;
        flush();
      }, delayMs);
      // A synchronous scheduler has flushed already; keep no handle to a finished action.
      if (!ran) scheduled = action;
    },
    flush,
    stop: () => {
      stopped = true;
      flush();
    },
  };
}
