import {
  type BusinessDayConfig,
  businessDayOf,
  businessDayStartsAt,
  nextDay,
} from '../orders/business-day.ts';
import type { OfflineComponent, OfflinePeriod } from './offline-period.ts';

export interface AuditMetricsOptions {
  readonly timeZone: string;
  /** Local time the day starts for the figures; calendar midnight unless given. */
  readonly dayStartsAt?: string;
}

/** One component's figures for one day. */
export interface OfflineDayMetrics {
  readonly component: OfflineComponent;
  readonly day: string;
  /** Offline time falling inside this day (an outage over the boundary is split). */
  readonly offlineMs: number;
  /** Outages that started this day. */
  readonly outages: number;
  /** Mean duration of the outages that started this day and have ended; null if none ended. */
  readonly meanTimeToRecoveryMs: number | null;
}

interface Tally {
  offlineMs: number;
  outages: number;
  recovered: number;
  recoveryMs: number;
}

function tallyOf(tallies: Map<string, Tally>, component: string, day: string): Tally {
  const key = `${day}\u0000${component}`;
  let tally = tallies.get(key);
  if (!tally) {
    tally = { offlineMs: 0, outages: 0, recovered: 0, recoveryMs: 0 };
    tallies.set(key, tally);
  }
  return tally;
}

/**
 * Per component per day: how long it was down, how often, and how fast it came back, so the owner
 * can tell a flaky printer from one bad Friday.
 */
export function auditMetrics(
  periods: Iterable<OfflinePeriod>,
  options: AuditMetricsOptions,
): OfflineDayMetrics[] {
  const config: BusinessDayConfig = {
    timeZone: options.timeZone,
    dayStartsAt: options.dayStartsAt ?? '00:00',
  };
  const tallies = new Map<string, Tally>();
  for (const period of periods) {
    const start = Date.parse(period.start);
    const end = start + period.durationMs;
    const firstDay = businessDayOf(period.start, config);
    const first = tallyOf(tallies, period.component, firstDay);
    first.outages += 1;
    if (period.end !== undefined) {
      first.recovered += 1;
      first.recoveryMs += period.durationMs;
    }
    let day = firstDay;
    let sliceStart = start;
    while (sliceStart < end) {
      const following = nextDay(day);
      const sliceEnd = Math.min(end, Date.parse(businessDayStartsAt(following, config)));
      tallyOf(tallies, period.component, day).offlineMs += Math.max(0, sliceEnd - sliceStart);
      sliceStart = Math.max(sliceEnd, sliceStart + 1);
      day = following;
    }
  }
  return [...tallies.entries()]
    .map(([key, tally]) => {
      const [day, component] = key.split('\u0000') as [string, OfflineComponent];
      return {
        component,
        day,
        offlineMs: tally.offlineMs,
        outages: tally.outages,
        meanTimeToRecoveryMs: tally.recovered === 0 ? null : tally.recoveryMs / tally.recovered,
      };
    })
    .sort((a, b) => a.day.localeCompare(b.day) || a.component.localeCompare(b.component));
}
