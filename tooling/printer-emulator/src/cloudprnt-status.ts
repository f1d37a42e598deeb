import type { FaultMode } from './fault-mode.ts';

/**
 * The status code a Star printer reports in each fault mode: `2xx` prints (211: paper near end),
 * `4xx` cannot (410 paper out, 420 cover open). Modes that are about jobs rather than the printer
 * (a lost download, a job never confirmed) poll as `200 OK`: the printer itself thinks it is fine.
 */
export function cloudprntStatusOf(mode: FaultMode): string {
  switch (mode) {
    case 'paper-near-end':
      return '211 Paper Near End';
    case 'paper-end':
      return '410 Paper Out';
    case 'cover-open':
      return '420 Cover Open';
    case 'error':
      return '400 Printer Error';
    default:
      return '200 OK';
  }
}

/**
 * What a fetched job would look like on paper, as text a test can read: plain text as it is, a
 * PNG as its size (`[PNG 576×812]`), a Star command stream as its printable text.
 */
export function describeFetched(mediaType: string, bytes: Buffer): string {
  if (mediaType.startsWith('text/')) return bytes.toString('utf8');
  if (mediaType === 'image/png' && bytes.length > 24 && bytes.toString('latin1', 1, 4) === 'PNG') {
    return `[PNG ${bytes.readUInt32BE(16)}×${bytes.readUInt32BE(20)}]`;
  }
  let text = '';
  for (let at = 0; at < bytes.length; at++) {
    const byte = bytes[at] as number;
    // ESC, its command byte (and the second one of ESC GS / ESC RS) say how to print, not what.
    if (byte === 0x1b) at += bytes[at + 1] === 0x1d || bytes[at + 1] === 0x1e ? 2 : 1;
    else if (byte === 0x0a || (byte >= 0x20 && byte < 0x7f)) text += String.fromCharCode(byte);
  }
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .filter(Boolean)
    .join('\n');
}
