import type { Order } from '../order.ts';
import type { Priority } from '../ticket.ts';
import { foldText } from './fold-text.ts';
import type { PriorityRules } from './priority-rules.ts';

/** Everything a guest may have typed: the note, delivery instructions, and each chosen option. */
function guestText(order: Order): string {
  const parts = [order.note ?? '', order.fulfilment.instructions ?? ''];
  for (const item of order.lineItems) {
    for (const option of item.options) parts.push(option.name, option.value ?? '');
  }
  return parts.join('\n');
}

/**
 * Whether the guest's words mention anything urgent. Matching is by substring, not by whole word,
 * because German glues words together ("Nussallergie", "Erdnussöl", "glutenfrei") and a word
 * boundary would miss exactly the allergies that matter. A false positive only moves a ticket
 * forward; a false negative hides an allergy. Known harmless carriers ("minutes" ⊃ "nut") are
 * blanked first. Dish names are not scanned: a menu's "Peanut Satay" is not a request.
 */
export function mentionsUrgentWord(text: string, rules: PriorityRules): boolean {
  let folded = foldText(text);
  for (const friend of rules.falseFriends ?? []) folded = folded.replaceAll(foldText(friend), ' ');
  return rules.urgentWords.some((word) => word.trim() !== '' && folded.includes(foldText(word.trim())));
}

/**
 * How soon the order's tickets print: allergies and hurry notes first, big orders next, so the
 * kitchen sees what can hurt a guest or cost the most before anything else.
 */
export function priorityOf(order: Order, rules: PriorityRules): Priority {
  if (mentionsUrgentWord(guestText(order), rules)) return 'critical';
  if (order.totals.total > rules.highTotalMinor) return 'high';
  return 'normal';
}
