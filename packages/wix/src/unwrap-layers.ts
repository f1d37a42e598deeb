import {
  contentId,
  kindByEventType,
  unreadable,
  type VerifiedWebhook,
  type WebhookVerification,
} from './webhook.ts';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseObject(text: unknown): Json | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `undefined`: no entity at all; `null`: an entity was there but could not be read. */
function entityOf(event: Json): Json | null | undefined {
  const created = event.createdEvent;
  if (isObject(created)) {
    if (isObject(created.entity)) return created.entity;
    return created.entityAsJson === undefined ? undefined : (parseObject(created.entityAsJson) ?? null);
  }
  const updated = event.updatedEvent;
  if (isObject(updated)) {
    if (isObject(updated.currentEntity)) return updated.currentEntity;
    return updated.currentEntityAsJson === undefined
      ? undefined
      : (parseObject(updated.currentEntityAsJson) ?? null);
  }
  const action = event.actionEvent;
  if (isObject(action)) {
    const body = isObject(action.body) ? action.body : parseObject(action.bodyAsJson);
    if (body === undefined) return action.bodyAsJson === undefined ? undefined : null;
    return isObject(body.order) ? body.order : undefined;
  }
  return undefined;
}

function withoutAbsent<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

/**
 * Unwraps Wix's three layers (JWT claims → envelope → domain event → order) of a payload whose
 * signature is already proven. An order event must name its order and, unless it cancels, carry it;
 * what falls short is `unreadable` with whatever could be read (Wix sent it: it is acknowledged,
 * never refused). Foreign events only need to be recognisable, to be acknowledged and ignored.
 */
export function unwrapLayers(payload: Json): WebhookVerification {
  const signedId = contentId(typeof payload.data === 'string' ? payload.data : JSON.stringify(payload));
  const envelope = parseObject(payload.data);
  if (envelope === undefined)
    return unreadable({ webhookId: signedId }, 'claim "data" is not a JSON object string');
  const eventType = optionalString(envelope.eventType);
  const instanceId = optionalString(envelope.instanceId);
  if (eventType === undefined)
    return unreadable({ webhookId: signedId, instanceId }, 'envelope has no eventType');
  const event = parseObject(envelope.data);
  if (event === undefined) {
    return unreadable(
      { webhookId: signedId, eventType, instanceId },
      'envelope "data" is not a JSON object string',
    );
  }

  const kind = kindByEventType[eventType] ?? 'unsupported';
  const entity = entityOf(event);
  const orderId = optionalString(event.entityId) ?? (entity ? optionalString(entity.id) : undefined);
  const known = {
    webhookId: optionalString(event.id) ?? signedId,
    eventType,
    instanceId,
    orderId,
    eventTime: optionalString(event.eventTime),
  };
  if (kind !== 'unsupported' && kind !== 'canceled') {
    if (entity === null) return unreadable(known, 'the order entity is not readable JSON');
    if (entity === undefined) return unreadable(known, `${eventType} carries no order entity`);
  }
  if (kind !== 'unsupported' && orderId === undefined)
    return unreadable(known, `${eventType} names no order`);

  const webhook: VerifiedWebhook = withoutAbsent({
    ...known,
    slug: optionalString(event.slug),
    kind,
    wixOrder: kind === 'unsupported' ? undefined : (entity ?? undefined),
  });
  return { ok: true, webhook };
}
