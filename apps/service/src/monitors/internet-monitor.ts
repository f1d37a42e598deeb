import { randomUUID } from 'node:crypto';
import {
  type InternetCheck,
  internetStatusChangedEvent,
  type ProbeTarget,
  parseProbeTargets,
  probeInternetOnce,
  tcpConnectProbe,
  watchInternet,
} from '@bonrelay/connectivity';
import type { EventToAppend } from '@bonrelay/domain';
import type { ConnectivityQueries } from '@bonrelay/views';
import { type SchedulerLike, Subject } from 'rxjs';
import type { Config } from '../config/index.ts';

export interface InternetMonitorOptions {
  readonly config: Config;
  readonly scheduler: SchedulerLike;
  /** Where the internet table says the line stands: the status a first probe is compared with. */
  readonly connectivity: Pick<ConnectivityQueries, 'internet'>;
  readonly append: (events: EventToAppend[]) => void;
  /** Called when the internet comes back: time to ask Wix what we missed. */
  readonly onBackOnline: () => void;
}

function wixTarget(config: Config): ProbeTarget | undefined {
  if (!config.wix.apiKey) return undefined;
  const url = new URL(config.wix.apiBase);
  return { host: url.hostname, port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)) };
}

/** The probes as configured: TCP connects to the targets, and to the Wix API host when Wix is set up. */
function probes(config: Config) {
  const timeout = config.monitor.internetProbeTimeoutMs;
  const wix = wixTarget(config);
  return {
    targets: parseProbeTargets(config.monitor.internetProbes),
    probeTarget: (target: ProbeTarget) => tcpConnectProbe(target, timeout),
    ...(wix ? { wixProbe: () => tcpConnectProbe(wix, timeout) } : {}),
    probeTimeoutMs: timeout + 100,
  };
}

/** One check now, for `POST /connectivity/check` and `bonrelay doctor`. */
export function checkInternetNow(config: Config): Promise<InternetCheck> {
  return probeInternetOnce(probes(config));
}

/**
 * Watches the internet (and Wix's API host) and appends `InternetStatusChanged` on a real change;
 * going online triggers reconciliation.
 */
export function monitorInternet(options: InternetMonitorOptions): { checkNow(): void; stop(): void } {
  const { config } = options;
  const checkNow$ = new Subject<void>();
  const initial = options.connectivity.internet().status;
  const subscription = watchInternet({
    ...probes(config),
    scheduler: options.scheduler,
    intervalMs: config.monitor.internetIntervalMs,
    agreeingProbes: config.monitor.internetAgreeingProbes,
    checkNow$,
    ...(initial !== 'unknown' ? { initial } : {}),
  }).subscribe((change) => {
    options.append([internetStatusChangedEvent(change, `internet-status:${randomUUID()}`)]);
    if (change.to === 'online') options.onBackOnline();
  });
  return { checkNow: () => checkNow$.next(), stop: () => subscription.unsubscribe() };
}
