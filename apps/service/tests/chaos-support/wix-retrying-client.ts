/** How one delivery ended, as Wix would see it. */
export interface DeliveryReport {
  /** The final status: 200 once accepted, or the last status / 0 when the deadline passed. */
  readonly status: number;
  readonly tries: number;
}

export interface WixRetryOptions {
  readonly retryDelayMs: number;
  /** Give up after this many ms (Wix gives up too, after a day; a test cannot wait that long). */
  readonly deadlineMs: number;
}

/**
 * Delivers one signed webhook the way Wix does: on a connection error or any non-2xx it waits a
 * moment and sends the very same body again, so the service's idempotency is what keeps orders single.
 */
export async function deliverLikeWix(
  url: string,
  jwt: string,
  options: WixRetryOptions,
): Promise<DeliveryReport> {
  const deadline = Date.now() + options.deadlineMs;
  let tries = 0;
  let status = 0;
  for (;;) {
    tries += 1;
    try {
      const response = await fetch(url, {
        method: 'POST',
        body: jwt,
        headers: { 'content-type': 'text/plain' },
        signal: AbortSignal.timeout(5_000),
      });
      status = response.status;
      await response.arrayBuffer();
      if (status >= 200 && status < 300) return { status, tries };
    } catch {
      status = 0;
    }
    if (Date.now() > deadline) return { status, tries };
    await new Promise((resolve) => setTimeout(resolve, options.retryDelayMs));
  }
}
