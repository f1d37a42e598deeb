/** Why a connection to a printer could not be opened. */
export type ConnectFailure = 'refused' | 'unreachable' | 'timeout';

/** How a wait on the printer's replies ended. */
export type WaitResult = 'met' | 'timeout' | 'ended' | 'reset';

/** What opening a connection gave: a connection, or a typed reason (never a throw). */
export type Opened =
  | { ok: true; connection: PrinterConnection }
  | { ok: false; failure: ConnectFailure; detail: string };

/** How to open a connection, from the validated config. */
export interface ConnectOptions {
  readonly connectTimeoutMs: number;
  /** How often a USB device is read while nothing has arrived (its reads never block). */
  readonly devicePollMs?: number;
}

/**
 * A two-way byte stream to a printer (a TCP socket, a USB device node): what the status dialogue
 * and the job need, and nothing more, so both transports share one honest print path.
 */
export abstract class PrinterConnection {
  /** Everything the printer sent, in order; callers keep their own read position. */
  inbox = Buffer.alloc(0);
  protected state: 'open' | 'ended' | 'reset' = 'open';
  protected errorText = '';
  private wake: (() => void) | undefined;

  /** The transport's error, if the connection failed (for the failure's detail). */
  get error(): string {
    return this.errorText;
  }

  abstract write(bytes: Buffer): void;
  /** "That was the whole job": ends once the printer has taken everything (TCP: half-close). */
  abstract finish(): void;
  /** Drops the connection; safe to call at any time, any number of times. */
  abstract close(): void;

  /** Waits until `condition` holds (checked on every arrival), the connection ends, or time runs out. */
  until(condition: () => boolean, timeoutMs: number): Promise<WaitResult> {
    if (condition()) return Promise.resolve('met');
    if (this.state !== 'open') return Promise.resolve(this.state);
    return new Promise((resolve) => {
      const done = (result: WaitResult) => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve(result);
      };
      const timer = setTimeout(() => done('timeout'), timeoutMs);
      this.wake = () => {
        if (condition()) done('met');
        else if (this.state !== 'open') done(this.state);
      };
    });
  }

  protected arrive(chunk: Buffer): void {
    this.inbox = Buffer.concat([this.inbox, chunk]);
    this.wake?.();
  }

  protected settle(state: 'ended' | 'reset'): void {
    if (this.state === 'open' || state === 'reset') this.state = state;
    this.wake?.();
  }
}
