import type { WantedTime } from '@bonrelay/domain';
import type { TicketLayout } from './layout.ts';

type Zone = Pick<TicketLayout, 'timeZone' | 'locale'>;

const formats = new Map<string, Intl.DateTimeFormat>();

function format(zone: Zone, kind: 'time' | 'day' | 'date'): Intl.DateTimeFormat {
  const key = `${zone.locale}|${zone.timeZone}|${kind}`;
  let found = formats.get(key);
  if (!found) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'time'
        ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
        : kind === 'day'
          ? { weekday: 'short', day: '2-digit', month: '2-digit' }
          : { year: 'numeric', month: '2-digit', day: '2-digit' };
    found = new Intl.DateTimeFormat(zone.locale, { ...options, timeZone: zone.timeZone });
    formats.set(key, found);
  }
  return found;
}

function parse(iso: string | Date): Date | undefined {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** `19:40` in the restaurant's zone; a time Wix sent garbled prints as sent rather than crashing. */
export function clockTime(at: string | Date, zone: Zone): string {
  const date = parse(at);
  return date ? format(zone, 'time').format(date) : String(at);
}

/** `17/05/2024 19:40` for the customer receipt, where the date belongs on the record. */
export function dateAndTime(at: string | Date, zone: Zone): string {
  const date = parse(at);
  return date ? `${format(zone, 'date').format(date)} ${format(zone, 'time').format(date)}` : String(at);
}

// Pre-orders for another day must say which day, or the kitchen cooks them tonight.
function clockOnDay(at: string, today: Date, zone: Zone): string {
  const date = parse(at);
  if (!date) return at;
  const day = format(zone, 'day');
  const prefix = day.format(date) === day.format(today) ? '' : `${day.format(date)} `;
  return `${prefix}${clockTime(date, zone)}`;
}

/** When the guest wants the food, as the kitchen reads it: `ASAP`, `19:45` or `19:30-19:45`. */
export function wantedTimeText(wanted: WantedTime, asap: string, today: Date, zone: Zone): string {
  switch (wanted.kind) {
    case 'at':
      return clockOnDay(wanted.at, today, zone);
    case 'slot':
      return `${clockOnDay(wanted.from, today, zone)}-${clockTime(wanted.to, zone)}`;
    default:
      return asap;
  }
}
