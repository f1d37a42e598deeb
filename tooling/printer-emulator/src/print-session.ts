import type { Socket } from 'node:net';
import { type EscPosCommand, parseCommand } from './escpos-commands.ts';
import { type FaultMode, isStopped } from './fault-mode.ts';
import { automaticStatusBytes, realtimeStatusByte, transmitStatusByte } from './status-bytes.ts';

/** What a session hands back when a job ends: its bytes, when they came, and whether it printed. */
export interface FinishedJob {
  readonly bytes: Buffer;
  readonly receivedAt: Date;
  readonly complete: boolean;
}

/** What a session needs from the printer around it. */
export interface SessionHost {
  mode(): FaultMode;
  readonly supportsAsb: boolean;
  readonly slowBytesPerSecond: number;
  jobFinished(job: FinishedJob): void;
  sessionClosed(): void;
}

interface Pending {
  readonly command: EscPosCommand;
  readonly bytes: Buffer;
}

const slowTickMs = 10;

/**
 * One client connection being served by the print head. Real-time requests (`DLE EOT`) are
 * answered the moment they are read, like a real receive buffer does; everything else is
 * processed in order and stops while the printer is stopped (paper end, cover open, error), which
 * is why `GS r` only answers once everything before it printed.
 */
export class PrintSession {
  private received = Buffer.alloc(0);
  private readonly queue: Pending[] = [];
  private printed: Buffer[] = [];
  private jobStartedAt: Date | undefined;
  private automaticStatus = 0;
  private clientEnded = false;
  private dripping = Buffer.alloc(0);
  /** What arrived while the printer hung (blackhole): read again once it recovers. */
  private held = Buffer.alloc(0);
  private dripTimer: NodeJS.Timeout | undefined;
  private finished = false;

  constructor(
    private readonly socket: Socket,
    private readonly host: SessionHost,
  ) {
    socket.on('data', (chunk: Buffer) => this.arrive(chunk));
    socket.on('end', () => {
      this.clientEnded = true;
      this.settleIfEnded();
    });
    socket.on('close', () => this.closed());
    socket.resume();
  }

  /** Called when the printer's state changes: resumes printing and reports it via ASB. */
  modeChanged(): void {
    if (this.finished) return;
    const mode = this.host.mode();
    if (this.automaticStatus !== 0 && mode !== 'mute' && mode !== 'blackhole') {
      this.socket.write(automaticStatusBytes(mode));
    }
    if (this.held.length > 0 && mode !== 'blackhole') {
      const held = this.held;
      this.held = Buffer.alloc(0);
      this.socket.resume();
      this.arrive(held);
    }
    this.process();
  }

  /** Ends the session from the printer's side (switched off, emulator closing): the job is cut. */
  abort(): void {
    this.finishJob(false);
    this.finished = true;
    this.socket.destroy();
  }

  private arrive(chunk: Buffer): void {
    // A printer that hangs while a client is connected stops reading, as a new client would find it
    // (that matters over USB, where one long-lived connection carries every job).
    if (this.host.mode() === 'blackhole') {
      this.held = Buffer.concat([this.held, chunk]);
      this.socket.pause();
      return;
    }
    if (this.host.mode() !== 'slow') {
      this.feed(chunk);
      return;
    }
    // A slow printer reads no faster than it prints: pausing the socket lets TCP push back.
    this.dripping = Buffer.concat([this.dripping, chunk]);
    this.socket.pause();
    this.drip();
  }

  private drip(): void {
    if (this.dripTimer || this.finished) return;
    const slice = Math.max(1, Math.ceil((this.host.slowBytesPerSecond * slowTickMs) / 1000));
    this.dripTimer = setTimeout(() => {
      this.dripTimer = undefined;
      const next = this.dripping.subarray(0, slice);
      this.dripping = this.dripping.subarray(slice);
      this.feed(next);
      if (this.dripping.length > 0) this.drip();
      else if (!this.finished) {
        this.socket.resume();
        this.settleIfEnded();
      }
    }, slowTickMs);
  }

  private feed(chunk: Buffer): void {
    if (this.finished) return;
    this.received = Buffer.concat([this.received, chunk]);
    let at = 0;
    for (;;) {
      const parsed = parseCommand(this.received, at);
      if (!parsed) break;
      const bytes = this.received.subarray(at, at + parsed.length);
      at += parsed.length;
      if (parsed.command.kind === 'realtime-status') {
        if (this.host.mode() !== 'mute')
          this.socket.write(Buffer.from([realtimeStatusByte(this.host.mode(), parsed.command.n)]));
        continue;
      }
      this.jobStartedAt ??= new Date();
      this.queue.push({ command: parsed.command, bytes: Buffer.from(bytes) });
    }
    this.received = Buffer.from(this.received.subarray(at));
    if (this.host.mode() === 'reset-mid-job' && this.queue.length > 0) {
      this.finishJob(false);
      this.finished = true;
      this.socket.resetAndDestroy();
      return;
    }
    this.process();
  }

  private process(): void {
    while (this.queue.length > 0 && !isStopped(this.host.mode()) && !this.finished) {
      const { command, bytes } = this.queue.shift() as Pending;
      this.printed.push(bytes);
      this.execute(command);
    }
    this.settleIfEnded();
  }

  private execute(command: EscPosCommand): void {
    const answers = this.host.mode() !== 'mute';
    if (command.kind === 'initialize') this.automaticStatus = 0;
    if (command.kind === 'automatic-status' && this.host.supportsAsb) {
      this.automaticStatus = command.n;
      // Enabling ASB makes a real printer send its current status once, straight away.
      if (command.n !== 0 && answers) this.socket.write(automaticStatusBytes(this.host.mode()));
    }
    if (command.kind === 'process-id' && answers) {
      this.socket.write(Buffer.concat([Buffer.from([0x37, 0x22]), command.id, Buffer.from([0])]));
    }
    if (command.kind === 'transmit-status' && [1, 2, 49, 50].includes(command.n)) {
      if (answers) this.socket.write(Buffer.from([transmitStatusByte(this.host.mode(), command.n)]));
      this.finishPrintedJob();
    }
  }

  /**
   * The client sent its last byte: close once everything printed. A stopped printer (paper end,
   * cover open, error) keeps the job and the connection until it can print, as a real one keeps
   * its buffer: closing cleanly at once would pass for "took the job" while nothing printed.
   */
  private settleIfEnded(): void {
    if (!this.clientEnded || this.finished || this.dripping.length > 0 || this.held.length > 0) return;
    if (this.queue.length > 0 && isStopped(this.host.mode())) return;
    const printedAll = this.queue.length === 0 && this.received.length === 0;
    this.finishJob(printedAll);
    this.finished = true;
    this.socket.end();
  }

  /** `GS r` answered: what printed so far is one job; anything queued after it starts the next. */
  private finishPrintedJob(): void {
    const bytes = Buffer.concat(this.printed);
    const receivedAt = this.jobStartedAt ?? new Date();
    this.printed = [];
    this.jobStartedAt = this.queue.length > 0 || this.received.length > 0 ? new Date() : undefined;
    this.host.jobFinished({ bytes, receivedAt, complete: true });
  }

  private finishJob(complete: boolean): void {
    if (this.finished) return;
    const bytes = Buffer.concat([
      ...this.printed,
      ...this.queue.map((pending) => pending.bytes),
      this.received,
    ]);
    const receivedAt = this.jobStartedAt;
    this.printed = [];
    this.queue.length = 0;
    this.jobStartedAt = undefined;
    if (bytes.length > 0 && receivedAt) this.host.jobFinished({ bytes, receivedAt, complete });
  }

  private closed(): void {
    clearTimeout(this.dripTimer);
    this.finishJob(false);
    this.finished = true;
    this.host.sessionClosed();
  }
}
