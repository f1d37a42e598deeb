import { defaultPriorityRules, type HoldPolicy, type PriorityRules, type TicketKind } from '@bonrelay/domain';
import type { Config } from '../config/index.ts';

/** Which printer prints which ticket: configured routes, else the first printer for everything. */
export function ticketRouting(config: Config, printerNames: readonly string[]): Record<TicketKind, string> {
  const fallback = printerNames[0] ?? 'virtual';
  const route = (ticket: TicketKind, usual?: string) => config.routing[ticket] ?? usual ?? fallback;
  const kitchen = route('kitchen');
  return {
    kitchen,
    cancellation: route('cancellation', kitchen),
    customer: route('customer'),
    driver: route('driver', config.routing.customer),
    test: route('test'),
  };
}

/** The configured priority rules, falling back to the built-in allergy and urgency words. */
export function priorityRules(config: Config): PriorityRules {
  return {
    ...defaultPriorityRules,
    ...(config.priorities.urgentWords ? { urgentWords: config.priorities.urgentWords } : {}),
    highTotalMinor: config.priorities.highTotalMinor,
  };
}

/** The configured pre-order hold: which tickets wait for prep time, and how far ahead. */
export function holdPolicy(config: Config): HoldPolicy {
  const { tickets } = config;
  return {
    holdBeyondMinutes: tickets.holdScheduledBeyondMinutes,
    prepLeadMinutes: tickets.prepLeadMinutes,
    heldTickets: Object.entries(tickets.whenScheduled)
      .filter(([, policy]) => policy === 'prep-time')
      .map(([ticket]) => ticket as TicketKind),
  };
}
