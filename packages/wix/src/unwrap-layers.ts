import { createHash } from 'node:crypto';
import { kindByEventType, reject, type VerifiedWebhook, type WebhookVerification } from './webhook.ts';

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
 * signature is already proven. Supported order events must name their event and order; foreign
 * events only need to be recognisable, so they can be acknowledged and ignored.
 */
export function unwrapLayers(payload: Json): WebhookVerification {
  const envelope = parseObject(payload.data);
  if (envelope === undefined) return reject('malformed-payload', 'claim "data" is not a JSON object string');
  const eventType = optionalString(envelope.eventType);
  if (eventType === undefined) return reject('malformed-payload', 'envelope has no eventType');
  const event = parseObject(envelope.data);
  if (event === undefined) return reject('malformed-event', 'envelope "data" is not a JSON object string');

  const kind = kindByEventType[eventType] ?? 'unsupported';
  const entity = entityOf(event);
  if (entity === null) return reject('malformed-event', 'the order entity is not readable JSON');
  const webhookId =
    optionalString(event.id) ??
    (kind === 'unsupported'
      ? `sha256:${createHash('sha256').update(String(payload.data)).digest('hex')}`
      : undefined);
  if (webhookId === undefined) return reject('malformed-event', 'domain event has no id');
  const orderId = optionalString(event.entityId) ?? optionalString(entity?.id);

  if (kind !== 'unsupported') {
    if (orderId === undefined) return reject('malformed-event', `${eventType} names no order`);
    if (entity === undefined && kind !== 'canceled') {
      return reject('malformed-event', `${eventType} carries no order entity`);
    }
  }

  const webhook: VerifiedWebhook = withoutAbsent({
    webhookId,
    eventType,
    instanceId: optionalString(envelope.instanceId),
    orderId,
    eventTime: optionalString(event.eventTime),
    slug: optionalString(event.slug),
    kind,
    wixOrder: kind === 'unsupported' ? undefined : entity,
  });
  return { ok: true, webhook };
}
