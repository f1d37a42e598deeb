import type { Monitor } from './supervise-monitor.ts';

/**
 * Starts a monitor once the views have read the log. A monitor compares its first probe with the
 * status the tables hold; tables still catching up after a restart would hold an older status, and
 * the monitor would record a change that is none. Stopped before then, it never starts.
 */
export function startWhenReady(ready: Promise<void>, start: () => Monitor): Monitor {
  let current: Monitor | undefined;
  let stopped = false;
  void ready.then(() => {
    if (!stopped) current = start();
  });
  return {
    checkNow: () => current?.checkNow(),
    stop: () => {
      stopped = true;
      current?.stop();
    },
  };
}
