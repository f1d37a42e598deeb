import { type EventDataByType, streams } from '@bonrelay/domain';
import type { EventStore } from '@bonrelay/event-store';

/** One line of `doctor`'s report (the same shape doctor prints). */
export interface PathFinding {
  readonly verdict: 'ok' | 'warn' | 'FAIL';
  readonly check: string;
  readonly detail: string;
}

function minutes(ms: number): string {
  const abs = Math.abs(ms);
  return abs < 60_000 ? `${Math.round(abs / 1000)} s` : `${Math.round(abs / 60_000)} min`;
}

/**
 * Our clock against the `Date` header of Wix's answer just now: a Pi that booted with a stale time
 * prints wrong times and business days, and beyond the tolerance refuses every webhook.
 */
export function clockFinding(wixDate: Date | undefined, now: Date, alertMs: number): PathFinding {
  if (wixDate === undefined)
    return { verdict: 'warn', check: 'clock', detail: 'Wix sent no Date header to compare with' };
  const offsetMs = wixDate.getTime() - now.getTime();
  if (Math.abs(offsetMs) <= alertMs) {
    return { verdict: 'ok', check: 'clock', detail: `within ${minutes(offsetMs)} of Wix's` };
  }
  const way = offsetMs > 0 ? 'behind' : 'ahead of';
  return {
    verdict: 'warn',
    check: 'clock',
    detail: `${minutes(offsetMs)} ${way} Wix's: tickets show wrong times; check the time / NTP`,
  };
}

/** What the log says about the Wix path: an open webhook gap, the last recorded clock skew. */
export function recordedPathFindings(store: EventStore, alertMs: number): PathFinding[] {
  const findings: PathFinding[] = [];
  let gap: EventDataByType['WebhookDeliveryGap'] | undefined;
  for (const event of store.readStream(streams.webhookPath)) {
    gap =
      event.type === 'WebhookDeliveryGap' ? (event.data as EventDataByType['WebhookDeliveryGap']) : undefined;
  }
  const hubDown = gap?.cause === 'hub-unreachable';
  findings.push(
    gap
      ? {
          verdict: 'warn',
          check: 'Wix webhooks',
          detail: hubDown
            ? `the hub cannot be reached since ${gap.hubDownSince ?? gap.detectedAt} (orders are fetched every minute instead): check this box's internet and the hub`
            : `not arriving since ${gap.detectedAt} (orders are fetched every minute instead): check the tunnel / public URL`,
        }
      : { verdict: 'ok', check: 'Wix webhooks', detail: 'no delivery gap open' },
  );
  const skew = store.readStream(streams.clock).at(-1)?.data as EventDataByType['ClockSkew'] | undefined;
  if (skew && Math.abs(skew.offsetMs) > alertMs) {
    findings.push({
      verdict: 'warn',
      check: 'clock (service)',
      detail: `the service measured ${minutes(skew.offsetMs)} ${skew.offsetMs > 0 ? 'behind' : 'ahead of'} Wix's at ${skew.measuredAt} (${skew.source})`,
    });
  }
  return findings;
}
