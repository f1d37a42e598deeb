import { close, constants, fstat, open, read, realpath, write } from 'node:fs';
import { promisify } from 'node:util';
import { type Opened, PrinterConnection } from './printer-connection.ts';
import { claimDevice } from './usb-device-claims.ts';
import type { UsbDeviceAddress } from './usb-url.ts';

const openAsync = promisify(open);
const fstatAsync = promisify(fstat);
const closeAsync = promisify(close);
const readAsync = promisify(read);

/** Codes that mean the device node is gone or going: the printer was unplugged (or switched off). */
const goneCodes = new Set(['ENOENT', 'ENODEV', 'ENXIO', 'EIO', 'ESHUTDOWN', 'EPIPE']);
const wouldBlock = (error: NodeJS.ErrnoException) => error.code === 'EAGAIN' || error.code === 'EWOULDBLOCK';
const describe = (error: NodeJS.ErrnoException) => `${error.code ?? 'error'}: ${error.message}`;

/**
 * A USB printer's device node (`/dev/usb/lp0`, or a pseudo-terminal in tests), opened read/write.
 *
 * Why O_NONBLOCK and polled reads instead of a blocking read or a stream: `fs.read` runs on libuv's
 * small thread pool (4 threads by default), and a blocking `read()` on a device that never answers
 * parks one of those threads until the device speaks — a hung printer or two would starve every
 * other file operation of the process, and closing the fd does not wake a read already inside the
 * kernel. A pseudo-terminal could be read through `tty.ReadStream`, but a real `/dev/usb/lp0` is not a
 * tty. With O_NONBLOCK each read returns at once (bytes, or EAGAIN), so a thread is held for
 * microseconds and a silent printer costs one short read per poll interval; the deadlines of the
 * dialogue are ordinary timers. Writes are non-blocking too: a printer that stops taking data
 * (EAGAIN) is retried at the same pace and never blocks a thread.
 */
class UsbDeviceConnection extends PrinterConnection {
  private readonly chunk = Buffer.alloc(4096);
  private readonly outbox: Buffer[] = [];
  private inFlight = 0;
  private writing = false;
  private finishing = false;
  private closing = false;
  private closed = false;
  private readTimer: NodeJS.Timeout | undefined;
  /** The next wait before reading an empty device: short right after a request, then `pollMs`. */
  private readDelayMs: number;
  private writeTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly fd: number,
    private readonly pollMs: number,
    private readonly release: () => void,
  ) {
    super();
    this.readDelayMs = pollMs;
    this.readNext();
  }

  write(bytes: Buffer): void {
    if (this.state !== 'open' || this.finishing) return;
    this.outbox.push(bytes);
    this.flush();
  }

  /** A device has no half-close: the job is "finished" once the device has taken every byte. */
  finish(): void {
    if (this.state !== 'open') return;
    this.finishing = true;
    this.flush();
  }

  close(): void {
    if (this.closing) return;
    this.closing = true;
    clearTimeout(this.readTimer);
    clearTimeout(this.writeTimer);
    this.settle('ended');
    this.closeWhenIdle();
  }

  private readNext(): void {
    if (this.closing || this.state !== 'open') return;
    this.inFlight += 1;
    read(this.fd, this.chunk, 0, this.chunk.length, null, (error, bytes) => {
      this.inFlight -= 1;
      if (this.closing) return this.closeWhenIdle();
      if (error && !wouldBlock(error)) return this.fail(error);
      if (!error && bytes > 0) {
        this.arrive(Buffer.from(this.chunk.subarray(0, bytes)));
        this.scheduleRead(0);
        return;
      }
      // "Nothing yet" is EAGAIN on a non-blocking device; end-of-file means the other side hung up.
      if (!error) return this.fail(Object.assign(new Error('device hung up'), { code: 'EIO' }));
      this.scheduleRead(this.readDelayMs);
      this.readDelayMs = Math.min(this.readDelayMs * 2, this.pollMs);
    });
  }

  /** One read at a time: the timer is set only while no read is in flight. */
  private scheduleRead(delayMs: number): void {
    this.readTimer = setTimeout(() => {
      this.readTimer = undefined;
      this.readNext();
    }, delayMs);
  }

  /** A request just went out: its answer comes within a millisecond or two, so look sooner. */
  private expectReply(): void {
    this.readDelayMs = 1;
    if (this.readTimer === undefined) return;
    clearTimeout(this.readTimer);
    this.scheduleRead(this.readDelayMs);
  }

  private flush(): void {
    if (this.writing || this.closing || this.state !== 'open') return;
    const next = this.outbox[0];
    if (!next) {
      if (this.finishing) this.settle('ended');
      return;
    }
    this.writing = true;
    this.inFlight += 1;
    write(this.fd, next, 0, next.length, null, (error, written) => {
      this.writing = false;
      this.inFlight -= 1;
      if (this.closing) return this.closeWhenIdle();
      if (error && !wouldBlock(error)) return this.fail(error);
      if (error) {
        this.writeTimer = setTimeout(() => this.flush(), this.pollMs);
        return;
      }
      if (written < next.length) this.outbox[0] = next.subarray(written);
      else this.outbox.shift();
      this.expectReply();
      this.flush();
    });
  }

  private fail(error: NodeJS.ErrnoException): void {
    this.errorText = goneCodes.has(error.code ?? '') ? `device gone (${describe(error)})` : describe(error);
    this.settle('reset');
  }

  /** The fd is closed only once no read or write uses it, so a reused fd number is never read by mistake. */
  private closeWhenIdle(): void {
    if (this.inFlight > 0 || this.closed) return;
    this.closed = true;
    close(this.fd, () => this.release());
  }
}

function openFailure(path: string, error: NodeJS.ErrnoException): Opened {
  const code = error.code ?? '';
  if (goneCodes.has(code)) {
    return {
      ok: false,
      failure: 'unreachable',
      detail: `no printer at ${path} (${code}): unplugged or switched off`,
    };
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return {
      ok: false,
      failure: 'unreachable',
      detail: `no permission to open ${path} (${code}): the service user needs the udev rule in deploy/ (or group lp)`,
    };
  }
  if (code === 'EBUSY') {
    return { ok: false, failure: 'refused', detail: `${path} is held by another program (EBUSY), e.g. CUPS` };
  }
  return { ok: false, failure: 'unreachable', detail: `cannot open ${path}: ${describe(error)}` };
}

/** Drops what the device said before this dialogue (a late reply to a job that timed out). */
async function discardStaleInput(fd: number): Promise<void> {
  const scratch = Buffer.alloc(4096);
  for (let round = 0; round < 64; round++) {
    try {
      if ((await readAsync(fd, scratch, 0, scratch.length, null)).bytesRead === 0) return;
    } catch {
      return;
    }
  }
}

/**
 * Opens a USB printer's device node for one dialogue, once no other dialogue in this process holds
 * it (waiting up to `waitMs`). Never throws: a missing node is "unplugged", a refused one names the
 * permission fix. O_NOCTTY because a pseudo-terminal standing in for the device must never become
 * the service's controlling terminal.
 */
export async function openUsbDevice(
  device: UsbDeviceAddress,
  waitMs: number,
  pollMs: number,
): Promise<Opened> {
  let resolved: string;
  try {
    resolved = await promisify(realpath)(device.path);
  } catch (error) {
    return openFailure(device.path, error as NodeJS.ErrnoException);
  }
  const release = await claimDevice(resolved, waitMs);
  if (!release) {
    return { ok: false, failure: 'timeout', detail: `${device.path} stayed busy for ${waitMs} ms` };
  }
  let fd: number;
  try {
    fd = await openAsync(device.path, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    release();
    return openFailure(device.path, error as NodeJS.ErrnoException);
  }
  try {
    if (!(await fstatAsync(fd)).isCharacterDevice()) {
      await closeAsync(fd);
      release();
      return { ok: false, failure: 'unreachable', detail: `${device.path} is not a character device` };
    }
  } catch (error) {
    await closeAsync(fd).catch(() => {});
    release();
    return openFailure(device.path, error as NodeJS.ErrnoException);
  }
  await discardStaleInput(fd);
  return { ok: true, connection: new UsbDeviceConnection(fd, pollMs, release) };
}
