import { parseCloudprntUrl } from '../cloudprnt/cloudprnt-url.ts';

/** Where a network printer listens. */
export interface PrinterAddress {
  readonly host: string;
  readonly port: number;
}

/** The printer URL in the config is wrong; `reason` says how, for a start-up error message. */
export class PrinterUrlError extends Error {
  override readonly name = 'PrinterUrlError';
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`invalid printer URL "${url}": ${reason}`);
  }
}

/** The port raw ESC/POS printers listen on unless told otherwise. */
export const defaultPrinterPort = 9100;

/**
 * Turns the configured `tcp://host:port` into an address, so a typo fails at start with a
 * message naming the problem instead of as a mystery at the first order.
 */
export function parsePrinterUrl(url: string): PrinterAddress {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new PrinterUrlError(url, 'expected tcp://host:port');
  }
  if (parsed.protocol !== 'tcp:')
    throw new PrinterUrlError(url, `scheme must be tcp://, not ${parsed.protocol}//`);
  if (!parsed.hostname) throw new PrinterUrlError(url, 'host is missing');
  if ((parsed.pathname !== '' && parsed.pathname !== '/') || parsed.search || parsed.hash) {
    throw new PrinterUrlError(url, 'a printer URL has no path, query or fragment');
  }
  if (parsed.username || parsed.password) throw new PrinterUrlError(url, 'a printer URL has no credentials');
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = parsed.port === '' ? defaultPrinterPort : Number(parsed.port);
  if (port === 0) throw new PrinterUrlError(url, 'port must be 1–65535');
  return { host, port };
}

/** Any printer the config can name, by how bonrelay reaches it (or how it reaches bonrelay). */
export type PrinterTarget =
  | { readonly kind: 'tcp'; readonly address: PrinterAddress }
  | { readonly kind: 'cloudprnt'; readonly mac: string };

/** Reads a configured printer URL of any kind; a bad one throws `PrinterUrlError` naming the problem. */
export function parsePrinterTarget(url: string): PrinterTarget {
  if (url.startsWith('cloudprnt:')) return { kind: 'cloudprnt', mac: parseCloudprntUrl(url) };
  return { kind: 'tcp', address: parsePrinterUrl(url) };
}
