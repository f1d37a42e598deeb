/** Why a call to Wix did not give us what we asked for; the caller decides what each means. */
export type WixFailureKind = 'timeout' | 'http' | 'network' | 'bad-response';

export interface WixFailure {
  readonly ok: false;
  readonly kind: WixFailureKind;
  /** The HTTP status, for `http` failures. */
  readonly status?: number;
  readonly detail: string;
}

export type WixResult<T> = { readonly ok: true; readonly value: T } | WixFailure;

/**
 * Carries a typed failure out of an async iteration (which cannot return one); catch it and read
 * `failure` to tell a timeout from a revoked key.
 */
export class WixRequestError extends Error {
  readonly failure: WixFailure;

  constructor(failure: WixFailure) {
    super(
      `Wix request failed (${failure.kind}${failure.status ? ` ${failure.status}` : ''}): ${failure.detail}`,
    );
    this.name = 'WixRequestError';
    this.failure = failure;
  }
}
