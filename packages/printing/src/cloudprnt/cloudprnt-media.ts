import { Resvg } from '@resvg/resvg-js';
import { transform } from 'receiptline';
import { type PaperSettings, toPlainText, toSvg } from '../tickets/output.ts';

/**
 * The formats a CloudPRNT printer may fetch a ticket in, best first: a client takes the first one
 * it supports. PNG is understood by every CloudPRNT device; the Star command sets are sharper and
 * smaller where a model takes them; plain text is the last resort.
 */
export const cloudprntMediaTypes = [
  'image/png',
  'application/vnd.star.starprnt',
  'application/vnd.star.line',
  'text/plain',
] as const;

export type CloudprntMediaType = (typeof cloudprntMediaTypes)[number];

/** Narrows the `type` a printer asked for to one the service can render. */
export function isCloudprntMediaType(value: string): value is CloudprntMediaType {
  return (cloudprntMediaTypes as readonly string[]).includes(value);
}

/**
 * The dot width a printer's paper takes before the printer has told its own: 576 dots for 80 mm
 * (48 characters and more), 384 for 58 mm.
 */
export function dotWidthForPaper(cpl: number): number {
  return cpl >= 48 ? 576 : 384;
}

function draw(svg: string, dotWidth: number) {
  return new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'width', value: dotWidth },
    font: {
      loadSystemFonts: true,
      defaultFontFamily: 'DejaVu Sans Mono',
      monospaceFamily: 'DejaVu Sans Mono',
    },
  }).render();
}

/**
 * A ticket as a PNG exactly `dotWidth` dots wide, drawn from receiptline's SVG on white with the
 * machine's fonts (the SVG's web font is never fetched: the service may be offline).
 */
export function toPng(doc: string, paper: PaperSettings, dotWidth: number): Buffer {
  return draw(toSvg(doc, paper), dotWidth).asPng();
}

/**
 * Whether this machine has a font to draw ticket text with. Without one resvg draws rules and
 * QR codes but no words, and a CloudPRNT printer would print blank tickets, confirmed.
 */
export function canDrawTicketText(): boolean {
  const { pixels } = draw(toSvg('Pizza Margherita', { cpl: 48, encoding: 'multilingual' }), 576);
  for (let at = 0; at < pixels.length; at += 4) if ((pixels[at] as number) < 128) return true;
  return false;
}

/** The receiptline command set behind each Star media type (European single-byte code pages). */
const starCommands = {
  'application/vnd.star.starprnt': 'starsbcs',
  'application/vnd.star.line': 'starlinesbcs',
} as const;

/**
 * The job body for the media type the printer asked for, at its dot width (PNG only: the Star
 * command sets and text are laid out by characters per line).
 */
export function renderCloudprntJob(
  doc: string,
  paper: PaperSettings,
  mediaType: CloudprntMediaType,
  dotWidth: number,
): Buffer {
  if (mediaType === 'image/png') return toPng(doc, paper, dotWidth);
  if (mediaType === 'text/plain') return Buffer.from(toPlainText(doc, paper), 'utf8');
  return Buffer.from(
    transform(doc, { command: starCommands[mediaType], cpl: paper.cpl, encoding: paper.encoding }),
    'latin1',
  );
}
