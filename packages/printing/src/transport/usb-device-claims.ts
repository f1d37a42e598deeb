/**
 * Who in this process is talking to which USB device. A device node has one reply stream: two
 * open descriptors reading it (a status probe beside a print job) would each steal the other's
 * replies, and the kernel's usblp driver refuses a second open anyway (EBUSY). So every dialogue
 * with a device holds its claim, and others wait their turn or — a probe — need not ask at all.
 */
const holders = new Map<string, Array<() => void>>();

/** Whether a dialogue with `device` (a resolved path) is running right now. */
export function isDeviceClaimed(device: string): boolean {
  return holders.has(device);
}

/**
 * Waits up to `waitMs` for the device to be free and claims it; resolves with the release function,
 * or undefined when the device stayed busy.
 */
export function claimDevice(device: string, waitMs: number): Promise<(() => void) | undefined> {
  const release = () => {
    const queue = holders.get(device);
    const next = queue?.shift();
    if (next) next();
    else holders.delete(device);
  };
  const queue = holders.get(device);
  if (!queue) {
    holders.set(device, []);
    return Promise.resolve(once(release));
  }
  return new Promise((resolve) => {
    const granted = () => {
      clearTimeout(timer);
      resolve(once(release));
    };
    const timer = setTimeout(() => {
      queue.splice(queue.indexOf(granted), 1);
      resolve(undefined);
    }, waitMs);
    queue.push(granted);
  });
}

function once(action: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    action();
  };
}
