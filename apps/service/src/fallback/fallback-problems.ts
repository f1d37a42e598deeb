import type { Config } from '../config/config-schema.ts';

/**
 * What is wrong with `routing.fallback`, one line per key: a printer that is not configured, a
 * printer that falls back to itself, or a ring of fallbacks (kitchen → bar → kitchen), which would
 * pass tickets round while both are down. Each stops the start, naming the key.
 */
export function fallbackProblems(config: Pick<Config, 'printers' | 'routing'>): string[] {
  const names = config.printers.map((printer) => printer.name);
  const known = names.length > 0 ? names.join(', ') : 'none (configure printers[] first)';
  const fallback = config.routing.fallback;
  const problems: string[] = [];
  for (const [printer, to] of Object.entries(fallback)) {
    const key = `routing.fallback.${printer}`;
    if (!names.includes(printer)) problems.push(`${key}: no printer named ${printer}; printers: ${known}`);
    else if (!names.includes(to)) problems.push(`${key}: no printer named ${to}; printers: ${known}`);
    else if (to === printer) problems.push(`${key}: a printer cannot be its own fallback`);
    else {
      const ring = [printer];
      let next: string | undefined = to;
      while (next !== undefined && !ring.includes(next)) {
        ring.push(next);
        next = fallback[next];
      }
      if (next === printer)
        problems.push(`${key}: the fallbacks go round (${[...ring, printer].join(' → ')})`);
    }
  }
  return problems;
}
