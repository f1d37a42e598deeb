/**
 * One ESC/POS command (or a run of text) cut from the byte stream. Only what the emulator reacts
 * to or renders gets its own kind; everything else is `other` with its exact length, so the
 * stream never loses sync (a `DLE EOT` inside image data is data, not a status request).
 */
export type EscPosCommand =
  | { kind: 'text'; bytes: Buffer }
  | { kind: 'line-feed' }
  | { kind: 'realtime-status'; n: number }
  | { kind: 'initialize' }
  | { kind: 'automatic-status'; n: number }
  | { kind: 'transmit-status'; n: number }
  | { kind: 'process-id'; id: Buffer }
  | { kind: 'character-size'; width: number; height: number }
  | { kind: 'code-table'; page: number }
  | { kind: 'left-margin'; dots: number }
  | { kind: 'absolute-position'; dots: number }
  | { kind: 'relative-position'; dots: number }
  | { kind: 'feed-lines'; lines: number }
  | { kind: 'cut' }
  | { kind: 'raster-store'; width: number; height: number; bits: Buffer }
  | { kind: 'raster-print' }
  | { kind: 'qr-store'; data: Buffer }
  | { kind: 'qr-print' }
  | { kind: 'barcode'; data: Buffer }
  | { kind: 'other' };

/** A command and how many bytes it took. */
export interface ParsedCommand {
  readonly command: EscPosCommand;
  readonly length: number;
}

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;
const LF = 0x0a;

const other = (length: number): ParsedCommand => ({ command: { kind: 'other' }, length });

/**
 * Cuts the next command from `buf` at `at`; `undefined` when the command is not complete yet
 * (the rest is still on the wire).
 */
export function parseCommand(buf: Buffer, at: number): ParsedCommand | undefined {
  const first = buf[at];
  if (first === undefined) return undefined;
  if (first === LF) return { command: { kind: 'line-feed' }, length: 1 };
  if (first === ESC) return parseEsc(buf, at);
  if (first === GS) return parseGs(buf, at);
  if (first === FS) return parseFs(buf, at);
  if (first === DLE) return parseDle(buf, at);
  if (first < 0x20) return other(1);
  let end = at;
  while (end < buf.length && (buf[end] as number) >= 0x20) end++;
  return { command: { kind: 'text', bytes: buf.subarray(at, end) }, length: end - at };
}

const byteAt = (buf: Buffer, index: number): number | undefined => buf[index];

/** Length of a `pL pH`-prefixed block starting at `at` (the command bytes before it: `head`). */
function blockLength(buf: Buffer, at: number, head: number): number | undefined {
  const low = byteAt(buf, at + head);
  const high = byteAt(buf, at + head + 1);
  if (low === undefined || high === undefined) return undefined;
  const total = head + 2 + low + high * 256;
  return at + total <= buf.length ? total : undefined;
}

function fixed(buf: Buffer, at: number, length: number): boolean {
  return at + length <= buf.length;
}

function parseEsc(buf: Buffer, at: number): ParsedCommand | undefined {
  const code = byteAt(buf, at + 1);
  if (code === undefined) return undefined;
  const ch = String.fromCharCode(code);
  if (ch === '@') return { command: { kind: 'initialize' }, length: 2 };
  if ('2<'.includes(ch)) return other(2);
  if (ch === 'i' || ch === 'm') return { command: { kind: 'cut' }, length: 2 };
  if ('$\\'.includes(ch)) {
    if (!fixed(buf, at, 4)) return undefined;
    const dots = (buf[at + 2] as number) + (buf[at + 3] as number) * 256;
    const signed = ch === '\\' && dots >= 0x8000 ? dots - 0x10000 : dots;
    return {
      command: { kind: ch === '$' ? 'absolute-position' : 'relative-position', dots: signed },
      length: 4,
    };
  }
  if (ch === 'c') return fixed(buf, at, 4) ? other(4) : undefined;
  if (ch === 'p') return fixed(buf, at, 5) ? other(5) : undefined;
  if (ch === '*') {
    if (!fixed(buf, at, 5)) return undefined;
    const m = buf[at + 2] as number;
    const columns = (buf[at + 3] as number) + (buf[at + 4] as number) * 256;
    const length = 5 + columns * (m <= 1 ? 1 : 3);
    return fixed(buf, at, length) ? other(length) : undefined;
  }
  if (!fixed(buf, at, 3)) return undefined;
  const n = buf[at + 2] as number;
  if (ch === 't') return { command: { kind: 'code-table', page: n }, length: 3 };
  if (ch === 'd') return { command: { kind: 'feed-lines', lines: n }, length: 3 };
  return other(3);
}

function parseGs(buf: Buffer, at: number): ParsedCommand | undefined {
  const code = byteAt(buf, at + 1);
  if (code === undefined) return undefined;
  const ch = String.fromCharCode(code);
  if (ch === '(') return parseGsParen(buf, at);
  if (ch === '8') {
    if (!fixed(buf, at, 7)) return undefined;
    const size = buf.readUInt32LE(at + 3);
    if (!fixed(buf, at, 7 + size)) return undefined;
    return rasterStore(buf, at + 7, size, 7 + size);
  }
  if (ch === 'k') return parseBarcode(buf, at);
  if (ch === 'V') {
    const m = byteAt(buf, at + 2);
    if (m === undefined) return undefined;
    const length = m >= 65 ? 4 : 3;
    return fixed(buf, at, length) ? { command: { kind: 'cut' }, length } : undefined;
  }
  if ('LWP$\\'.includes(ch)) {
    if (!fixed(buf, at, 4)) return undefined;
    const dots = (buf[at + 2] as number) + (buf[at + 3] as number) * 256;
    return ch === 'L' ? { command: { kind: 'left-margin', dots }, length: 4 } : other(4);
  }
  if (ch === 'v') {
    if (!fixed(buf, at, 8)) return undefined;
    const width = (buf[at + 4] as number) + (buf[at + 5] as number) * 256;
    const height = (buf[at + 6] as number) + (buf[at + 7] as number) * 256;
    return fixed(buf, at, 8 + width * height) ? other(8 + width * height) : undefined;
  }
  if (!fixed(buf, at, 3)) return undefined;
  const n = buf[at + 2] as number;
  if (ch === 'a') return { command: { kind: 'automatic-status', n }, length: 3 };
  if (ch === 'r') return { command: { kind: 'transmit-status', n }, length: 3 };
  if (ch === '!') {
    return { command: { kind: 'character-size', width: (n >> 4) + 1, height: (n & 15) + 1 }, length: 3 };
  }
  return other(3);
}

/** `GS ( X pL pH …`: graphics, QR codes, process id and the rest of the extended family. */
function parseGsParen(buf: Buffer, at: number): ParsedCommand | undefined {
  const family = byteAt(buf, at + 2);
  if (family === undefined) return undefined;
  const length = blockLength(buf, at, 3);
  if (length === undefined) return undefined;
  const body = buf.subarray(at + 5, at + length);
  const f = String.fromCharCode(family);
  if (f === 'H' && body[0] === 0x30 && body[1] === 0x30) {
    return { command: { kind: 'process-id', id: Buffer.from(body.subarray(2, 6)) }, length };
  }
  if (f === 'k' && body[0] === 49 && body[1] === 80) {
    return { command: { kind: 'qr-store', data: Buffer.from(body.subarray(3)) }, length };
  }
  if (f === 'k' && body[0] === 49 && body[1] === 81) return { command: { kind: 'qr-print' }, length };
  if (f === 'L' && body[1] === 112) return rasterStore(buf, at + 5, length - 5, length);
  if (f === 'L' && (body[1] === 50 || body[1] === 2)) return { command: { kind: 'raster-print' }, length };
  return other(length);
}

/** `… m fn a bx by c xL xH yL yH d…` (shared by `GS 8 L` and `GS ( L`): keep the bitmap. */
function rasterStore(buf: Buffer, body: number, size: number, length: number): ParsedCommand {
  const width = (buf[body + 6] as number) + (buf[body + 7] as number) * 256;
  const height = (buf[body + 8] as number) + (buf[body + 9] as number) * 256;
  const bits = Buffer.from(buf.subarray(body + 10, body + size));
  return { command: { kind: 'raster-store', width, height, bits }, length };
}

function parseBarcode(buf: Buffer, at: number): ParsedCommand | undefined {
  const m = byteAt(buf, at + 2);
  if (m === undefined) return undefined;
  if (m <= 6) {
    const end = buf.indexOf(0, at + 3);
    if (end < 0) return undefined;
    return {
      command: { kind: 'barcode', data: Buffer.from(buf.subarray(at + 3, end)) },
      length: end + 1 - at,
    };
  }
  const n = byteAt(buf, at + 3);
  if (n === undefined || !fixed(buf, at, 4 + n)) return undefined;
  const data = Buffer.from(buf.subarray(at + 4, at + 4 + n));
  return { command: { kind: 'barcode', data: m === 73 ? code128Text(data) : data }, length: 4 + n };
}

/** CODE128 data carries code-set switches (`{A`, `{B`, `{C`); set C packs two digits per byte. */
function code128Text(data: Buffer): Buffer {
  let set = 'B';
  let text = '';
  for (let i = 0; i < data.length; i++) {
    const byte = data[i] as number;
    const next = data[i + 1];
    if (byte === 0x7b && next !== undefined && next !== 0x7b) {
      set = String.fromCharCode(next);
      i++;
    } else if (set === 'C') {
      text += String(byte).padStart(2, '0');
    } else {
      text += String.fromCharCode(byte);
      if (byte === 0x7b) i++;
    }
  }
  return Buffer.from(text, 'latin1');
}

function parseFs(buf: Buffer, at: number): ParsedCommand | undefined {
  const code = byteAt(buf, at + 1);
  if (code === undefined) return undefined;
  const ch = String.fromCharCode(code);
  if ('.&'.includes(ch)) return other(2);
  if (ch === '(') {
    const length = blockLength(buf, at, 3);
    return length === undefined ? undefined : other(length);
  }
  if ('Sp'.includes(ch)) return fixed(buf, at, 4) ? other(4) : undefined;
  return fixed(buf, at, 3) ? other(3) : undefined;
}

function parseDle(buf: Buffer, at: number): ParsedCommand | undefined {
  const code = byteAt(buf, at + 1);
  if (code === undefined) return undefined;
  if (code === 0x04) {
    const n = byteAt(buf, at + 2);
    return n === undefined ? undefined : { command: { kind: 'realtime-status', n }, length: 3 };
  }
  if (code === 0x14) {
    const fn = byteAt(buf, at + 2);
    if (fn === undefined) return undefined;
    const length = fn === 8 ? 10 : 5;
    return fixed(buf, at, length) ? other(length) : undefined;
  }
  if (code === 0x05) return fixed(buf, at, 3) ? other(3) : undefined;
  return other(1);
}
