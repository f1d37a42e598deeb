import { erased } from '@bonrelay/domain';

/**
 * Keys that hold a guest's identity, in bonrelay's order shape and in Wix's raw one, at any depth.
 * `name` is not among them: printers, dishes and options have names too.
 */
const personalKeys = new Set(
  [
    'customer',
    'firstName',
    'lastName',
    'phone',
    'email',
    'address',
    'addressLine',
    'instructions',
    'note',
    'buyerNote',
    'buyerInfo',
    'contactDetails',
    'shippingDestination',
    'billingInfo',
    'recipientInfo',
  ].map((key) => key.toLowerCase()),
);

const redacted = '[redacted]';

/** Beyond this a log object is not worth walking; what is deeper is dropped, not printed. */
const maxDepth = 12;

function isPlain(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function scrub(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (Array.isArray(value) || isPlain(value)) {
    if (depth >= maxDepth || seen.has(value)) return redacted;
    seen.add(value);
    if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1, seen));
    const copy: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      const personal = personalKeys.has(key.toLowerCase()) && child !== undefined && child !== erased;
      copy[key] = personal ? redacted : scrub(child, depth + 1, seen);
    }
    return copy;
  }
  return value;
}

/**
 * A pino `formatters.log` hook: replaces every personal field of a log object, however deep (an
 * order inside an event inside a batch), because path-based redaction only reaches the depths it
 * names. Errors and other class instances pass untouched so their serializers still see them.
 */
export function redactPersonalData(object: Record<string, unknown>): Record<string, unknown> {
  return scrub(object, 0, new WeakSet()) as Record<string, unknown>;
}
