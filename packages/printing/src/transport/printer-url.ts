import { parseCloudprntUrl } from '../cloudprnt/cloudprnt-url.ts';
import { parseUsbUrl, type UsbDeviceAddress, type UsbIdAddress } from './usb-url.ts';

/** Where a network printer listens. */
export interface TcpPrinterAddress {
  readonly kind: 'tcp';
  readonly host: string;
  readonly port: number;
}

/**
 * Every way a configured printer can be reached, told apart by `kind`. A new transport adds its
 * address type here and its parser to `schemes` below, in a file of its own.
 */
export type PrinterAddress = TcpPrinterAddress | UsbDeviceAddress | UsbIdAddress;

/** An address a connection can be opened to right now (a USB id is first resolved to its device). */
export type PrinterEndpoint = TcpPrinterAddress | UsbDeviceAddress;

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

/** The URL forms bonrelay knows, for the message that refuses any other. */
const expected =
  'expected tcp://host:port, usb:///dev/usb/lp0, usb://vendor:product[:serial] or cloudprnt://<printer MAC>';

/** `tcp://host:port`: WHATWG URL handles it well, including IPv6 literals. */
function parseTcpUrl(url: string): TcpPrinterAddress {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new PrinterUrlError(url, 'expected tcp://host:port');
  }
  if (!parsed.hostname) throw new PrinterUrlError(url, 'host is missing');
  if ((parsed.pathname !== '' && parsed.pathname !== '/') || parsed.search || parsed.hash) {
    throw new PrinterUrlError(url, 'a printer URL has no path, query or fragment');
  }
  if (parsed.username || parsed.password) throw new PrinterUrlError(url, 'a printer URL has no credentials');
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = parsed.port === '' ? defaultPrinterPort : Number(parsed.port);
  if (port === 0) throw new PrinterUrlError(url, 'port must be 1–65535');
  return { kind: 'tcp', host, port };
}

/** One parser per scheme; each throws `PrinterUrlError` naming what is wrong. */
const schemes: Readonly<Record<string, (url: string) => PrinterAddress>> = {
  tcp: parseTcpUrl,
  usb: (url) => parseUsbUrl(url, (reason) => new PrinterUrlError(url, reason)),
};

/**
 * Turns a configured printer URL into an address, so a typo fails at start with a message naming
 * the problem instead of as a mystery at the first order. The scheme is split off by hand: WHATWG
 * `URL` refuses `usb://04b8:0e32` (a "port" that is not a number).
 */
export function parsePrinterUrl(url: string): PrinterAddress {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1];
  if (scheme === undefined) {
    throw new PrinterUrlError(url, /^[a-z][a-z0-9+.-]*:/i.test(url) ? `scheme: ${expected}` : expected);
  }
  const parse = schemes[scheme.toLowerCase()];
  if (!parse)
    throw new PrinterUrlError(url, `scheme must be tcp://, usb:// or cloudprnt://, not ${scheme}://`);
  return parse(url);
}

/** The address as a person reads it in a log line or `doctor`. */
export function describePrinterAddress(address: PrinterAddress): string {
  switch (address.kind) {
    case 'tcp':
      return `tcp://${address.host.includes(':') ? `[${address.host}]` : address.host}:${address.port}`;
    case 'usb-device':
      return `usb://${address.path}`;
    case 'usb-id':
      return `usb://${address.vendorId}:${address.productId}${address.serial ? `:${address.serial}` : ''}`;
  }
}

/** Any printer the config can name, by how bonrelay reaches it (or how it reaches bonrelay). */
export type PrinterTarget =
  | { readonly kind: 'direct'; readonly address: PrinterAddress }
  | { readonly kind: 'cloudprnt'; readonly mac: string };

/** Reads a configured printer URL of any kind; a bad one throws `PrinterUrlError` naming the problem. */
export function parsePrinterTarget(url: string): PrinterTarget {
  if (url.startsWith('cloudprnt:')) return { kind: 'cloudprnt', mac: parseCloudprntUrl(url) };
  return { kind: 'direct', address: parsePrinterUrl(url) };
}
