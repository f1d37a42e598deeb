import type { BonrelayPorts } from '@bonrelay/api';
import type { Config } from '../config/index.ts';
import type { PrintStation } from '../stations/print-station.ts';
import { checkInternetNow } from './internet-monitor.ts';
import type { Monitor } from './supervise-monitor.ts';

/**
 * The dashboard's "Check now": nudge every monitor so the recorded status catches up at once, and
 * answer the person with a fresh probe of each printer and the internet, not the last recorded one.
 */
export function checkConnectivityNow(
  monitors: { readonly printers: readonly Monitor[]; readonly internet: Monitor },
  stations: readonly PrintStation[],
  config: Config,
): BonrelayPorts['checkConnectivity'] {
  return async () => {
    for (const monitor of monitors.printers) monitor.checkNow();
    monitors.internet.checkNow();
    const [internet, ...printers] = await Promise.all([
      checkInternetNow(config),
      ...stations.map(async (station) => ({ printer: station.name, ...(await station.status()) })),
    ]);
    return { status: 200, body: { internet, printers } };
  };
}
