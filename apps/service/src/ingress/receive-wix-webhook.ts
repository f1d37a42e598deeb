import type { BonrelayPorts } from '@bonrelay/api';
import type { EventToAppend } from '@bonrelay/domain';
import type { NewEvent } from '@bonrelay/event-store';
import { eventsForUnreadableWebhook, eventsForWebhook, readDelivery, verifyWebhook } from '@bonrelay/wix';
import type { GroupAppendResult } from './append-group.ts';
import type { RejectionLedger } from './rejection-ledger.ts';
import { storeFailureAnswer } from './store-answers.ts';

export interface WixIngressOptions {
  /** Appends one request's events durably (grouped with concurrent requests into one commit). */
  readonly append: (events: readonly NewEvent[]) => Promise<GroupAppendResult>;
  /** PEM; undefined means Wix is not configured yet and every delivery gets a 503. */
  readonly publicKey: string | undefined;
  readonly clock: () => Date;
  readonly rejections: RejectionLedger;
  /** Print jobs and cancellations that follow from the order events, decided on current views. */
  readonly consequences: (events: readonly EventToAppend[]) => EventToAppend[];
  readonly retryAfterSeconds: number;
  /** Leeway on the token's expiry for a clock that is off (`wix.clockToleranceMs`). */
  readonly clockToleranceMs?: number;
}

/**
 * The webhook path: verify, normalise, decide the print jobs, append everything in one synchronous
 * transaction (durable with synchronous=FULL), and only then answer 200. No printing, rendering or
 * Wix call happens here, so the answer stays far inside Wix's 1,250 ms budget. A delivery Wix signed
 * but we cannot read is recorded as `OrderUnreadable` and answered 200 too: refusing it would only
 * make Wix retry for two days while the order never prints; it is fetched by id afterwards.
 */
export function createWixIngress(options: WixIngressOptions): BonrelayPorts['receiveWixWebhook'] {
  return async (rawBody) => {
    if (!options.publicKey) {
      return {
        status: 503,
        body: {
          error: 'not-configured',
          message: 'no Wix public key: set BONRELAY_WIX_PUBLIC_KEY_FILE (PEM from the Wix app dashboard)',
        },
        headers: { 'retry-after': String(options.retryAfterSeconds) },
      };
    }
    const verification = await verifyWebhook(rawBody, options.publicKey, {
      now: options.clock(),
      clockToleranceSeconds: Math.floor((options.clockToleranceMs ?? 0) / 1000),
    });
    if (!verification.ok) {
      options.rejections.record(verification.reason, options.clock());
      return {
        status: verification.status,
        body: { error: verification.reason, message: verification.detail },
      };
    }
    const delivery = readDelivery(verification.webhook);
    const events = delivery.readable
      ? eventsForWebhook(delivery.webhook, delivery.order)
      : eventsForUnreadableWebhook(delivery.webhook, rawBody);
    const { webhook } = delivery;
    const all = [...events, ...options.consequences(events)];
    try {
      const result = await options.append(
        all.map((event) => ({
          ...event,
          metadata: { source: 'wix-webhook', correlationId: webhook.webhookId },
        })),
      );
      return {
        status: 200,
        body: {
          ok: true,
          webhookId: webhook.webhookId,
          ignored: webhook.kind === 'unsupported',
          ...(webhook.kind === 'unreadable' ? { unreadable: true, problem: webhook.problem } : {}),
          duplicate: result.appended === 0,
          appended: result.appended,
        },
      };
    } catch (error) {
      const answer = storeFailureAnswer(error, options.retryAfterSeconds);
      if (answer) return answer;
      throw error;
    }
  };
}
