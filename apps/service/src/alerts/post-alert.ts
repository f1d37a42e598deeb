import { translatorFor } from '@bonrelay/locale';
import type { SchedulerLike } from 'rxjs';
import type { PendingNotice } from './alert-log.ts';

/** How the receiver answered one attempt: taken, or why not (kept short for the log). */
export type PostOutcome = { readonly ok: true } | { readonly ok: false; readonly error: string };

export interface PostAlertOptions {
  readonly url: string;
  readonly token?: string;
  readonly timeoutMs: number;
  /** The language staff read the notice in (the alert's own message was worded when it was raised). */
  readonly locale: string;
  readonly scheduler: SchedulerLike;
  readonly fetch: typeof fetch;
  /** Aborts the attempt when the service stops. */
  readonly signal?: AbortSignal;
}

/**
 * The JSON every receiver gets. `text` makes it readable as-is by chat webhooks (Slack, Mattermost,
 * Rocket.Chat); the other fields are for machines.
 */
export function alertPayload(notice: PendingNotice, locale: string) {
  const { alert } = notice;
  const message =
    notice.notice === 'raised'
      ? alert.message
      : translatorFor(locale).say('alert.resolved', { message: alert.message });
  return {
    source: 'bonrelay',
    notice: notice.notice,
    alertId: alert.alertId,
    kind: alert.kind,
    subject: alert.subject,
    message,
    raisedAt: alert.raisedAt,
    at: notice.at,
    text: `[bonrelay] ${message}`,
    ...(alert.summary ? { summary: alert.summary } : {}),
  };
}

/**
 * One delivery attempt as a typed outcome (never a throw), with its timeout on the injected
 * scheduler so a receiver that hangs cannot hold a notice forever.
 */
export async function postAlert(notice: PendingNotice, options: PostAlertOptions): Promise<PostOutcome> {
  const controller = new AbortController();
  const timer = options.scheduler.schedule(() => controller.abort(), options.timeoutMs);
  const stop = () => controller.abort();
  options.signal?.addEventListener('abort', stop);
  try {
    const response = await options.fetch(options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      body: JSON.stringify(alertPayload(notice, options.locale)),
      signal: controller.signal,
    });
    await response.arrayBuffer().catch(() => undefined);
    return response.ok ? { ok: true } : { ok: false, error: `HTTP ${response.status}` };
  } catch (error) {
    if (controller.signal.aborted) return { ok: false, error: `no answer within ${options.timeoutMs} ms` };
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: cause ? `${message} (${cause})` : message };
  } finally {
    timer.unsubscribe();
    options.signal?.removeEventListener('abort', stop);
  }
}
