import { canDrawTicketText } from '@bonrelay/printing';
import type { Config } from '../config/index.ts';

const loopback = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/i;

/** One thing an operator must know about the CloudPRNT printers, for the start log and `doctor`. */
export interface CloudprntFinding {
  readonly verdict: 'ok' | 'warn';
  readonly detail: string;
}

/**
 * Says whether the configured CloudPRNT printers can reach the service at all, and whether their
 * tickets will have words on them. They poll over the LAN while the service listens on loopback by
 * default, and PNG tickets need a font on this machine: without this, a restaurant would plug its
 * printer in and see it never print (or print blank paper), with nothing in the log saying why.
 */
export function cloudprntFindings(
  config: Config,
  canDrawText: () => boolean = canDrawTicketText,
): CloudprntFinding[] {
  const cloudprnt = config.printers.filter((printer) => printer.url.startsWith('cloudprnt:'));
  const names = cloudprnt.map((printer) => printer.name);
  if (names.length === 0) return [];
  const { host, port } = config.server;
  const printers = `CloudPRNT printer${names.length > 1 ? 's' : ''} ${names.join(', ')}`;
  const poll = names.length > 1 ? 'poll' : 'polls';
  const findings: CloudprntFinding[] = [
    loopback.test(host)
      ? {
          verdict: 'warn',
          detail:
            `${printers} ${poll} over the LAN, but the service listens on ${host} only: set BONRELAY_HOST=0.0.0.0 ` +
            '(and BONRELAY_API_TOKEN, which then guards the API and dashboard)',
        }
      : {
          verdict: 'ok',
          detail: `${printers}: set the printer's server URL to http://<this machine's LAN address>:${port}/cloudprnt`,
        },
  ];
  const open = cloudprnt.filter((printer) => printer.username === undefined).map((printer) => printer.name);
  if (open.length > 0 && !loopback.test(host)) {
    findings.push({
      verdict: 'warn',
      detail:
        `${open.join(', ')}: no CloudPRNT credentials, so anyone on the LAN who knows the printer's MAC can ` +
        "fetch its tickets (guests' names and addresses); set a user and password on the printer and in the config",
    });
  }
  if (!canDrawText()) {
    findings.push({
      verdict: 'warn',
      detail: 'no font to draw ticket text: PNG tickets would print without words; install fonts-dejavu-core',
    });
  }
  return findings;
}
