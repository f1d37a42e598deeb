/** One timed run: how many operations took how long. */
export interface Timing {
  readonly operations: number;
  readonly ms: number;
}

/** Times synchronous work; the caller says how many operations it did. */
export function timeSync(operations: number, work: () => void): Timing {
  const started = performance.now();
  work();
  return { operations, ms: performance.now() - started };
}

/** Times asynchronous work the same way, for peers whose API is promise-based. */
export async function timeAsync(operations: number, work: () => Promise<void>): Promise<Timing> {
  const started = performance.now();
  await work();
  return { operations, ms: performance.now() - started };
}

/** Operations per second, the unit every bench table compares in. */
export function perSecond(timing: Timing): number {
  return (timing.operations / timing.ms) * 1000;
}

/**
 * Runs a measurement several times and keeps the fastest: on a shared machine the slow runs measure
 * the neighbours, the fastest one measures the code. The first run doubles as the JIT warm-up.
 */
export async function fastestOf(
  rounds: number,
  measure: (round: number) => Promise<Timing> | Timing,
): Promise<Timing> {
  let best: Timing | undefined;
  for (let round = 0; round < rounds; round += 1) {
    const timing = await measure(round);
    if (best === undefined || perSecond(timing) > perSecond(best)) best = timing;
  }
  return best!;
}
