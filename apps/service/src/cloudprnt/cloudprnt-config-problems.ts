import { normaliseMac } from '@bonrelay/printing';

interface PrinterEntry {
  readonly url: string;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
}

/** One problem with the CloudPRNT parts of `printers[]`: the key it is about and what is wrong. */
export interface CloudprntConfigProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * What the schema of one printer cannot see alone: credentials come in pairs and only a CloudPRNT
 * printer sends them, and two entries with the same MAC would leave a printer's jobs to chance.
 */
export function cloudprntConfigProblems(printers: readonly PrinterEntry[]): CloudprntConfigProblem[] {
  const problems: CloudprntConfigProblem[] = [];
  const seen = new Map<string, number>();
  printers.forEach((printer, index) => {
    const cloudprnt = printer.url.startsWith('cloudprnt:');
    for (const key of ['username', 'password'] as const) {
      const other = key === 'username' ? 'password' : 'username';
      if (printer[key] === undefined) continue;
      if (!cloudprnt) {
        problems.push({ path: [index, key], message: 'only a cloudprnt:// printer sends credentials' });
      } else if (printer[other] === undefined) {
        problems.push({ path: [index, other], message: `must be set together with ${key}` });
      }
    }
    const mac = cloudprnt ? normaliseMac(printer.url.slice('cloudprnt://'.length)) : undefined;
    if (!mac) return;
    const first = seen.get(mac);
    if (first === undefined) seen.set(mac, index);
    else problems.push({ path: [index, 'url'], message: `printers.${first} already has this printer MAC` });
  });
  return problems;
}
