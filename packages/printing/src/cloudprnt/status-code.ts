import type { PrinterStatus, PrintFailure } from '@bonrelay/domain';

/** A CloudPRNT status code as the printer sent it: three digits and the printer's own words. */
export interface CloudprntStatus {
  readonly code: string;
  readonly text: string;
  readonly status: PrinterStatus;
}

function decodedText(raw: string): string {
  try {
    return decodeURIComponent(raw.replaceAll('+', ' '));
  } catch {
    return raw;
  }
}

/** What a printer's status words mean for the kitchen, when the code alone does not say. */
function stoppedStatus(code: string, text: string): PrinterStatus {
  if (code === '410' || code === '411' || /paper (out|empty|end)/i.test(text)) return 'paper-end';
  if (code === '420' || /cover/i.test(text)) return 'cover-open';
  return 'error';
}

/**
 * Decodes the `statusCode` of a poll (`200%20OK`, `410 Paper Out`): a first digit `2` prints
 * (near end is a warning), `4` does not (paper out, cover open…), anything else is an error. Code
 * and words are kept, because the operator reads them in the log.
 */
export function decodeCloudprntStatus(raw: string): CloudprntStatus {
  const text = decodedText(raw).trim();
  const code = /^\d{3}/.exec(text)?.[0] ?? '';
  const words = text.slice(code.length).trim();
  if (code.startsWith('2')) {
    const nearEnd = code === '211' || /near|low/i.test(words);
    return { code, text: words, status: nearEnd ? 'paper-near-end' : 'online' };
  }
  if (code.startsWith('4')) return { code, text: words, status: stoppedStatus(code, words) };
  return { code, text: code ? words : text, status: 'error' };
}

/** What the printer's confirmation of one job says happened to it. */
export type CloudprntConfirmation =
  | { readonly printed: true }
  | {
      readonly printed: false;
      readonly failure: PrintFailure;
      readonly reachedPrinter: boolean;
      readonly detail: string;
    };

/**
 * Reads the `code` of a DELETE: `2xx` printed; `520` the printer could not download the job
 * (network trouble: nothing reached paper, the job stays queued and burns no attempt); a `4xx` the printer stopped as its
 * status says; `510` (media type not usable) and anything else a failure that counts, so it
 * follows backoff and gives up instead of looping silently.
 */
export function readConfirmation(raw: string): CloudprntConfirmation {
  const { code, text, status } = decodeCloudprntStatus(raw);
  if (code.startsWith('2')) return { printed: true };
  const said = `CloudPRNT ${[code, text].filter(Boolean).join(' ') || raw}`;
  if (code === '520') {
    return {
      printed: false,
      failure: 'unreachable',
      reachedPrinter: false,
      detail: `${said}: download failed`,
    };
  }
  if (code === '510') {
    return {
      printed: false,
      failure: 'error',
      reachedPrinter: true,
      detail: `${said}: media type not usable`,
    };
  }
  if (code.startsWith('4') && (status === 'paper-end' || status === 'cover-open')) {
    return { printed: false, failure: status, reachedPrinter: true, detail: `${said}: printer stopped` };
  }
  return { printed: false, failure: 'error', reachedPrinter: true, detail: `${said}: not printed` };
}
