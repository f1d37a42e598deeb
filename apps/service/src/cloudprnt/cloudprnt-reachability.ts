import type { Config } from '../config/index.ts';

const loopback = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/i;

/** What an operator must know about reaching the CloudPRNT endpoint, for the start log and `doctor`. */
export interface CloudprntReachability {
  readonly verdict: 'ok' | 'warn';
  readonly detail: string;
}

/**
 * Says whether the configured CloudPRNT printers can reach the service at all. They poll it over
 * the LAN, while the service listens on loopback by default: without this, a restaurant would
 * plug its printer in and see it never print, with nothing in the log saying why.
 */
export function cloudprntReachability(config: Config): CloudprntReachability | undefined {
  const names = config.printers
    .filter((printer) => printer.url.startsWith('cloudprnt:'))
    .map((printer) => printer.name);
  if (names.length === 0) return undefined;
  const { host, port } = config.server;
  const printers = `CloudPRNT printer${names.length > 1 ? 's' : ''} ${names.join(', ')}`;
  const poll = names.length > 1 ? 'poll' : 'polls';
  if (loopback.test(host)) {
    return {
      verdict: 'warn',
      detail:
        `${printers} ${poll} over the LAN, but the service listens on ${host} only: set BONRELAY_HOST=0.0.0.0 ` +
        '(and BONRELAY_API_TOKEN, which then guards the API and dashboard)',
    };
  }
  return {
    verdict: 'ok',
    detail: `${printers}: set the printer's server URL to http://<this machine's LAN address>:${port}/cloudprnt`,
  };
}
