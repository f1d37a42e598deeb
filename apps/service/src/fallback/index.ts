export { fallbackProblems } from './fallback-problems.ts';
export { fallbackUpdates } from './fallback-updates.ts';
export type { FallbackOptions, FallbackPair, FallbackState } from './run-fallback.ts';
export { runFallback } from './run-fallback.ts';
