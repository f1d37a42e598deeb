import type { Writable } from 'node:stream';

/** Where pino writes the service's log lines (its `DestinationStream`). */
export interface LogOutput {
  write(line: string): void;
  /** Settles once every line written so far is with the reader, or the reader is gone. */
  drained(): Promise<void>;
}

export interface LogOutputOptions {
  /** Lines waiting for a slow reader beyond this many bytes are dropped, not held. */
  readonly maxPendingBytes: number;
  /** Turns one JSON line into what the reader sees (a person on a terminal reads prose). */
  readonly format?: (line: string) => string;
}

// EPIPE: the reading process ended; EIO: the terminal hung up.
const lostReader = new Set(['EPIPE', 'EIO', 'ERR_STREAM_DESTROYED']);

/**
 * Keeps a stream's write errors from ending the service: nobody reading stdout or stderr any
 * more (`npm start | tee` ended, journald restarted) is EPIPE on the next write, and an 'error'
 * without a listener would be an uncaught exception. Returns whether the reader is gone.
 */
export function outliveLostReader(stream: Writable): () => boolean {
  let gone = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (lostReader.has(error.code ?? '')) gone = true;
  });
  return () => gone || stream.destroyed || stream.writableEnded;
}

/**
 * The service's log, written through Node's own non-blocking stream (`process.stdout`) rather
 * than pino's default writer: that one writes from a thread-pool thread, which a stalled reader
 * blocks for good, and on exit it retries a write to a closed pipe forever — either way the
 * process never ends after SIGTERM. Here a slow reader only costs lines beyond
 * `maxPendingBytes`, a lost one costs nothing, and logging never waits.
 */
export function logOutput(stream: Writable, options: LogOutputOptions): LogOutput {
  const readerGone = outliveLostReader(stream);
  const format = options.format ?? ((line: string) => line);
  return {
    write(line) {
      if (readerGone() || stream.writableLength > options.maxPendingBytes) return;
      stream.write(format(line));
    },
    drained() {
      if (readerGone() || stream.writableLength === 0) return Promise.resolve();
      // Writes complete in order: an empty one's callback means everything before it is out.
      return new Promise((resolve) => stream.write('', () => resolve()));
    },
  };
}
