/**
 * A seeded random source (mulberry32): chaos runs pick their moments at random, and a failure can
 * be replayed with `BONRELAY_TEST_CHAOS_SEED=<the printed seed>`.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The seed for this run: from the environment when replaying, else a fresh one. */
export function chaosSeed(): number {
  const given = Number(process.env.BONRELAY_TEST_CHAOS_SEED);
  return Number.isInteger(given) && given > 0 ? given : Math.floor(Math.random() * 2 ** 31) + 1;
}

/** A whole number of milliseconds between `min` and `max`, for random waits. */
export function between(random: () => number, min: number, max: number): number {
  return Math.round(min + random() * (max - min));
}

/** Reads a size from the environment, so the bench can run a suite bigger than CI does. */
export function sizeFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}
