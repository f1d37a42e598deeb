import type { ViewProjector } from '@bonrelay/views';
import { auditTime, filter, type SchedulerLike, type Subscription } from 'rxjs';
import type { Logger } from '../logger.ts';

/** How `/health` describes the views: current, or how far a catch-up or rebuild has come. */
export function viewsHealth(projector: ViewProjector): string {
  const { position, target } = projector.progress();
  if (position >= target) return 'current';
  const percent = target === 0 ? 100 : Math.floor((position / target) * 100);
  return `${projector.rebuilding.length > 0 ? 'rebuilding' : 'catching up'} ${percent} %`;
}

/**
 * Logs the views' progress while they catch up with a long log (a new view version replays it all),
 * at most once per `everyMs`, and once when they are current; the service answers meanwhile.
 */
export function logViewsProgress(
  projector: ViewProjector,
  logger: Logger,
  scheduler: SchedulerLike,
  everyMs: number,
): Subscription {
  if (projector.rebuilding.length > 0)
    logger.warn({ views: projector.rebuilding }, 'view versions changed: rebuilding them from the log');
  const started = projector.progress();
  const subscription = projector.committed$
    .pipe(
      filter((position) => position < started.target),
      auditTime(everyMs, scheduler),
    )
    .subscribe(() =>
      logger.info({ ...projector.progress(), views: viewsHealth(projector) }, 'views catching up'),
    );
  if (started.position < started.target)
    void projector.caughtUp.then(() => logger.info({ position: started.target }, 'views are current'));
  return subscription;
}
