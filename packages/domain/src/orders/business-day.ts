/**
 * The restaurant's business day: a service that runs past midnight still belongs to the day it
 * started, so the daily ticket numbers and audits cut the calendar at a configured local time.
 */
export interface BusinessDayConfig {
  /**
   * Local wall-clock time the business day starts, `HH:MM` (e.g. `04:00`). Keep it outside the
   * 02:00–03:00 DST hour: inside a repeated hour the wall clock crosses the start twice.
   */
  readonly dayStartsAt: string;
  /** IANA time zone of the restaurant (e.g. `Europe/Berlin`). */
  readonly timeZone: string;
}

interface LocalTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** Minutes since local midnight. */
  readonly minutes: number;
}

const clockPattern = /^([01]\d|2[0-3]):([0-5]\d)$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

// Zones change their offset only on a quarter hour, so one formatter call per quarter hour serves
// every instant in it; a replay of a month asks Intl a few thousand times instead of once an order.
const quarterHourMs = 15 * 60_000;
const offsets = new Map<string, Map<number, number>>();

function offsetAt(epochMs: number, timeZone: string): number {
  const quarter = Math.floor(epochMs / quarterHourMs);
  let zone = offsets.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsets.set(timeZone, zone);
  }
  let offset = zone.get(quarter);
  if (offset === undefined) {
    const start = quarter * quarterHourMs;
    const parts: Record<string, number> = {};
    for (const part of formatterFor(timeZone).formatToParts(start)) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const wall = Date.UTC(
      parts.year ?? 0,
      (parts.month ?? 1) - 1,
      parts.day ?? 1,
      parts.hour ?? 0,
      parts.minute,
    );
    offset = wall - start;
    if (zone.size >= 10_000) zone.clear();
    zone.set(quarter, offset);
  }
  return offset;
}

function localTimeOf(epochMs: number, timeZone: string): LocalTime {
  const wall = new Date(epochMs + offsetAt(epochMs, timeZone));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    minutes: wall.getUTCHours() * 60 + wall.getUTCMinutes(),
  };
}

function minutesOf(clock: string): number {
  const match = clockPattern.exec(clock);
  if (!match) throw new RangeError(`dayStartsAt must be HH:MM (00:00–23:59), got "${clock}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

function calendarDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/**
 * Fails fast on a malformed day start or an unknown time zone, so a bad config is caught when the
 * projection is built rather than as a wrong ticket number at the first order.
 */
export function checkBusinessDayConfig(config: BusinessDayConfig): BusinessDayConfig {
  minutesOf(config.dayStartsAt);
  formatterFor(config.timeZone);
  return config;
}

/**
 * The business day (`YYYY-MM-DD`) an instant belongs to: an order at 01:30 with a 04:00 day start
 * is counted with the evening before, which is how the kitchen thinks about it.
 */
export function businessDayOf(isoTime: string, config: BusinessDayConfig): string {
  const local = localTimeOf(Date.parse(isoTime), config.timeZone);
  const shift = local.minutes < minutesOf(config.dayStartsAt) ? -1 : 0;
  return calendarDate(Date.UTC(local.year, local.month - 1, local.day + shift));
}

function wallClockOf(epochMs: number, timeZone: string): number {
  const local = localTimeOf(epochMs, timeZone);
  return Date.UTC(local.year, local.month - 1, local.day, 0, local.minutes);
}

/**
 * The instant (ISO 8601, UTC) a business day starts, so audits can split an outage that runs past
 * the day boundary. A start inside a skipped DST hour is the jump itself, the first instant
 * `businessDayOf` already counts as the new day.
 */
export function businessDayStartsAt(day: string, config: BusinessDayConfig): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const wanted = Date.UTC(year, month - 1, date, 0, minutesOf(config.dayStartsAt));
  const offsetAt = (epochMs: number) =>
    wallClockOf(epochMs, config.timeZone) - Math.floor(epochMs / 60_000) * 60_000;
  let instant = wanted - offsetAt(wanted - offsetAt(wanted));
  if (wallClockOf(instant, config.timeZone) !== wanted) {
    let before = instant - 3 * 3_600_000;
    while (instant - before > 60_000) {
      const middle = before + Math.floor((instant - before) / 120_000) * 60_000;
      if (wallClockOf(middle, config.timeZone) >= wanted) instant = middle;
      else before = middle;
    }
  }
  return new Date(instant).toISOString();
}

/** The calendar day after `day`, for walking business days without touching time zones. */
export function nextDay(day: string): string {
  return calendarDate(Date.parse(`${day}T00:00:00Z`) + 86_400_000);
}
