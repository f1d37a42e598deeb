import { PrinterUrlError } from '../transport/printer-url.ts';

const macPattern = /^[0-9a-f]{2}([:-])[0-9a-f]{2}(\1[0-9a-f]{2}){4}$/i;

/**
 * A MAC address as one spelling (lower case, colons), or undefined when it is not one: a printer
 * sends `00:11:62:AA:BB:CC` in its polls while the config may say `00-11-62-aa-bb-cc`, and both
 * must name the same printer.
 */
export function normaliseMac(text: string): string | undefined {
  const trimmed = text.trim();
  return macPattern.test(trimmed) ? trimmed.toLowerCase().replaceAll('-', ':') : undefined;
}

/**
 * The printer MAC from `cloudprnt://00:11:62:aa:bb:cc`. Parsed by hand: WHATWG `URL` reads the
 * colons as a port and refuses the URL.
 */
export function parseCloudprntUrl(url: string): string {
  if (!url.startsWith('cloudprnt://')) throw new PrinterUrlError(url, 'expected cloudprnt://<printer MAC>');
  const mac = normaliseMac(url.slice('cloudprnt://'.length));
  if (!mac) throw new PrinterUrlError(url, 'expected a MAC address like cloudprnt://00:11:62:aa:bb:cc');
  return mac;
}
