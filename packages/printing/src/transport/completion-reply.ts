/** `GS r 1`: "transmit paper sensor status", answered only once everything before it printed. */
export const completionRequest = Buffer.from([0x1d, 0x72, 0x31]);

/**
 * The job as it goes on the wire: receiptline already ends every document with `GS r 1`; any
 * other job gets one appended, so every job has exactly one completion reply to wait for.
 */
export function withCompletionRequest(job: Buffer): Buffer {
  const tail = job.subarray(-3);
  const asks = tail[0] === 0x1d && tail[1] === 0x72 && (tail[2] === 0x31 || tail[2] === 0x01);
  return asks ? job : Buffer.concat([job, completionRequest]);
}

/**
 * Finds the answer to `GS r` in what the printer sent from `from` on. Other traffic shares the
 * socket and is stepped over: real-time status bytes and ASB blocks (bit 4 set), and
 * NUL-terminated block replies such as the process-id answer `37 22 … 00`.
 */
export function hasCompletionReply(inbox: Buffer, from: number): boolean {
  let at = from;
  while (at < inbox.length) {
    const byte = inbox[at] as number;
    if ([0x35, 0x37, 0x3b, 0x3d, 0x5f].includes(byte)) {
      const end = inbox.indexOf(0, at + 1);
      if (end < 0) return false;
      at = end + 1;
    } else if ((byte & 0x93) === 0x10) {
      at += 4;
    } else if ((byte & 0x90) === 0) {
      return true;
    } else {
      at += 1;
    }
  }
  return false;
}
