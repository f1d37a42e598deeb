import { transform } from 'receiptline';
import { isReceiptEncoding, type ReceiptEncoding } from './layout.ts';

/** The paper a document is set for. */
export interface PaperSettings {
  readonly cpl: number;
  readonly encoding: ReceiptEncoding;
}

/** A printer configured with an encoding receiptline does not know (it would print cp437). */
export class UnsupportedEncodingError extends Error {
  override readonly name = 'UnsupportedEncodingError';
  constructor(readonly encoding: string) {
    super(`receiptline has no encoding "${encoding}"`);
  }
}

function checked(paper: PaperSettings): PaperSettings {
  if (!isReceiptEncoding(paper.encoding)) throw new UnsupportedEncodingError(String(paper.encoding));
  if (!Number.isInteger(paper.cpl) || paper.cpl < 8 || paper.cpl > 255) {
    throw new RangeError(`characters per line must be a whole number from 8 to 255, got ${paper.cpl}`);
  }
  return paper;
}

/**
 * The bytes sent to an ESC/POS printer. receiptline ends them with `GS r 1`, whose one-byte answer
 * is how the transport knows the printer processed the whole job.
 */
export function toEscPos(doc: string, paper: PaperSettings): Buffer {
  const { cpl, encoding } = checked(paper);
  return Buffer.from(transform(doc, { command: 'escpos', cpl, encoding }), 'latin1');
}

/** An SVG picture of the ticket, for the dashboard's preview of what was printed. */
export function toSvg(doc: string, paper: PaperSettings): string {
  const { cpl, encoding } = checked(paper);
  return transform(doc, { command: 'svg', cpl, encoding });
}

/**
 * The ticket as plain monospace text (sizes kept as spacing, inversion and QR codes dropped): for
 * logs, golden tests and a terminal preview.
 */
export function toPlainText(doc: string, paper: PaperSettings): string {
  const { cpl, encoding } = checked(paper);
  return transform(doc, { command: 'text', cpl, encoding });
}
