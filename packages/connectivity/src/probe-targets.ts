/** A host and port whose answering means "the internet works from here". */
export interface ProbeTarget {
  readonly host: string;
  readonly port: number;
}

/**
 * Public DNS resolvers on port 53: they answer TCP, belong to three operators, and rarely all fail
 * at once. Only the service's default config uses them; tests point at loopback.
 */
export const defaultInternetProbeTargets = '1.1.1.1:53,8.8.8.8:53,208.67.222.222:53';

/** A bad entry in a probe target list, named so config validation can say which one and why. */
export class ProbeTargetError extends Error {
  override readonly name = 'ProbeTargetError';
  readonly entry: string;
  readonly problem: string;

  constructor(entry: string, problem: string) {
    super(`probe target "${entry}": ${problem}`);
    this.entry = entry;
    this.problem = problem;
  }
}

/**
 * Reads `BONRELAY_INTERNET_PROBES`-style lists (`host:port,[ipv6]:port`), failing on the first bad
 * entry with a `ProbeTargetError` so a typo stops the service at start, not at the first outage.
 */
export function parseProbeTargets(list: string): readonly ProbeTarget[] {
  if (list.trim() === '') throw new ProbeTargetError(list, 'no targets given');
  return list.split(',').map((raw) => parseProbeTarget(raw.trim()));
}

function parseProbeTarget(entry: string): ProbeTarget {
  if (entry === '') throw new ProbeTargetError(entry, 'empty entry (stray comma?)');
  const [host, portText] = splitHostPort(entry);
  if (host === '') throw new ProbeTargetError(entry, 'missing host');
  if (/\s/.test(host)) throw new ProbeTargetError(entry, 'host contains spaces');
  if (portText === undefined) throw new ProbeTargetError(entry, 'missing port');
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) {
    throw new ProbeTargetError(entry, 'port must be a number from 1 to 65535');
  }
  return { host, port };
}

function splitHostPort(entry: string): [string, string | undefined] {
  if (entry.startsWith('[')) {
    const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(entry);
    if (!bracketed) throw new ProbeTargetError(entry, 'IPv6 address must be [address]:port');
    return [bracketed[1]!, bracketed[2]];
  }
  const colon = entry.lastIndexOf(':');
  if (colon < 0) return [entry, undefined];
  const host = entry.slice(0, colon);
  if (host.includes(':')) throw new ProbeTargetError(entry, 'IPv6 address needs brackets, e.g. [::1]:53');
  return [host, entry.slice(colon + 1)];
}

/** `host:port` (IPv6 in brackets), the way targets are named in events and config. */
export function formatProbeTarget(target: ProbeTarget): string {
  return target.host.includes(':') ? `[${target.host}]:${target.port}` : `${target.host}:${target.port}`;
}
