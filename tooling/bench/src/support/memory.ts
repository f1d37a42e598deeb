import { readFileSync } from 'node:fs';

/**
 * This process's peak resident memory in bytes (the kernel's VmHWM), so a short spike between two
 * samples is not missed; falls back to the current RSS where /proc is not there.
 */
export function peakRssBytes(): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // Not Linux: the current RSS is the best this process can say.
  }
  return process.memoryUsage().rss;
}

/** Megabytes with one decimal, the unit the memory targets are written in. */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
