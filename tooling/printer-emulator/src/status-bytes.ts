import type { FaultMode } from './fault-mode.ts';

/**
 * The byte a real printer answers to `DLE EOT n` in the given state. Every byte keeps the fixed
 * bits `(b & 0x93) === 0x12`, which is how clients tell a status reply from other traffic.
 */
export function realtimeStatusByte(mode: FaultMode, n: number): number {
  const stoppedOffline = mode === 'paper-end' || mode === 'cover-open' || mode === 'error';
  switch (n) {
    case 1:
      return 0x12 | (stoppedOffline ? 0x08 : 0);
    case 2:
      return (
        0x12 |
        (mode === 'cover-open' ? 0x04 : 0) |
        (mode === 'paper-end' ? 0x20 : 0) |
        (mode === 'error' ? 0x40 : 0)
      );
    case 3:
      // An autocutter jam: the most common error a kitchen sees, and auto-recoverable once cleared.
      return 0x12 | (mode === 'error' ? 0x08 : 0);
    case 4:
      // A printer out of paper also reports the near-end sensor: both see no paper.
      return 0x12 | (mode === 'paper-end' ? 0x6c : mode === 'paper-near-end' ? 0x0c : 0);
    default:
      return 0x12;
  }
}

/** The four unsolicited bytes of Automatic Status Back (`GS a n`) for the given state. */
export function automaticStatusBytes(mode: FaultMode): Buffer {
  const offline = mode === 'paper-end' || mode === 'cover-open' || mode === 'error';
  const first = 0x10 | (offline ? 0x08 : 0) | (mode === 'cover-open' ? 0x20 : 0);
  const second = mode === 'error' ? 0x08 : 0;
  const third = mode === 'paper-end' ? 0x0f : mode === 'paper-near-end' ? 0x03 : 0;
  return Buffer.from([first, second, third, 0]);
}

/** The answer to `GS r 1` (paper sensor) or `GS r 2` (drawer); bits 4 and 7 always clear. */
export function transmitStatusByte(mode: FaultMode, n: number): number {
  if (n === 2 || n === 50) return 0;
  return mode === 'paper-near-end' ? 0x03 : 0;
}
