import type { EventDataByType } from '@bonrelay/domain';
import type { NewEvent } from '@bonrelay/event-store';
import { tokenIssuedAt } from '@bonrelay/wix';
import type { ClockSkewWatch } from './clock-skew-watch.ts';
import type { WebhookPathWatch } from './webhook-path-watch.ts';

/**
 * Wraps the ingress's durable append so every delivery it committed (a redelivery too) tells the
 * webhook-path watch that Wix reaches us, naming the order so catch-up's finding is not counted as
 * missed when its webhook was only slow.
 */
export function noticeWebhooks<R>(
  append: (events: readonly NewEvent[]) => Promise<R>,
  path: Pick<WebhookPathWatch, 'webhookArrived'>,
): (events: readonly NewEvent[]) => Promise<R> {
  return async (events) => {
    const result = await append(events);
    for (const event of events) {
      if (event.type === 'WebhookReceived') {
        path.webhookArrived((event.data as EventDataByType['WebhookReceived']).orderId);
      }
    }
    return result;
  };
}

/**
 * Wraps the webhook port to read Wix's clock off each delivery it signed: the `iat` of a token we
 * accepted, or of one refused only as expired (jose proves the signature before it looks at `exp`),
 * which is exactly the delivery a clock running ahead turns away. A delivery that took long (a
 * retry after an outage) also looks like a clock ahead, so when the Wix API's `Date` header is
 * measured too (`apiMeasures`), a token only speaks when it says our clock is behind.
 */
export function measureWebhookClock<A extends { readonly status: number; readonly body?: unknown }>(
  receive: (rawBody: string) => Promise<A>,
  clock: Pick<ClockSkewWatch, 'measure'>,
  options: { readonly now: () => Date; readonly apiMeasures: boolean },
): (rawBody: string) => Promise<A> {
  return async (rawBody) => {
    const answer = await receive(rawBody);
    const error = (answer.body as { error?: unknown } | undefined)?.error;
    if (answer.status === 200 || error === 'expired') {
      const issuedAt = tokenIssuedAt(rawBody);
      const behind = issuedAt !== undefined && issuedAt.getTime() > options.now().getTime();
      if (issuedAt && (behind || !options.apiMeasures)) clock.measure(issuedAt, 'webhook-iat');
    }
    return answer;
  };
}
