import { commands } from 'receiptline';
import { wellFormed } from './escape.ts';
import type { ReceiptEncoding } from './layout.ts';

/** Text made printable in one encoding, and what it cost. */
export interface FittedText {
  readonly text: string;
  /** Some characters were replaced by close printable ones (Phở → Pho, ß → ss). */
  readonly transliterated: boolean;
  /** Characters no printable form was found for; each became one `?`. */
  readonly lost: readonly string[];
}

// Spellings a guest still recognises when the printer lacks the letter; the rest fall back to
// dropping accents (Phở → Pho).
const spelledOut: Readonly<Record<string, string>> = {
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  Ä: 'Ae',
  Ö: 'Oe',
  Ü: 'Ue',
  ß: 'ss',
  æ: 'ae',
  Æ: 'Ae',
  œ: 'oe',
  Œ: 'Oe',
  ø: 'o',
  Ø: 'O',
  đ: 'd',
  Đ: 'D',
  ł: 'l',
  Ł: 'L',
  '‘': "'",
  '’': "'",
  '‚': ',',
  '“': '"',
  '”': '"',
  '„': '"',
  '–': '-',
  '—': '-',
  '…': '...',
  '•': '*',
  '€': 'EUR',
};

const printableAscii = /^[\x20-\x7e]*$/;
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
const verdicts = new Map<ReceiptEncoding, Map<string, string | null>>();

// Asks receiptline's own ESC/POS encoder, so the answer matches what reaches the paper exactly:
// it turns whatever its code page lacks into `?`.
function encodes(character: string, encoding: ReceiptEncoding): boolean {
  if (printableAscii.test(character)) return true;
  const prefix = commands.escpos.text('', encoding).length;
  const body = commands.escpos.text(character, encoding).slice(prefix).replaceAll('\x00', '');
  return /[^?]/.test(body);
}

function printableForm(grapheme: string, encoding: ReceiptEncoding): string | null {
  let cache = verdicts.get(encoding);
  if (!cache) {
    cache = new Map();
    verdicts.set(encoding, cache);
  }
  const known = cache.get(grapheme);
  if (known !== undefined) return known;
  const candidates = [grapheme, spelledOut[grapheme], grapheme.normalize('NFD').replace(/\p{M}/gu, '')];
  const form = candidates.find(
    (c) => c !== undefined && c !== '' && Array.from(c).every((x) => encodes(x, encoding)),
  );
  cache.set(grapheme, form ?? null);
  return form ?? null;
}

/**
 * Makes a guest's text printable on a printer set to `encoding`, degrading visibly: letters the
 * code page lacks are spelled out or lose their accents, and what is still unprintable becomes
 * `?` (reported in `lost`, so the ticket can say so) — never the silent mojibake a wrong code page
 * prints.
 */
export function fitTextToEncoding(text: string, encoding: ReceiptEncoding): FittedText {
  const clean = wellFormed(text)
    .normalize('NFC')
    .replace(/\p{Zs}/gu, ' ');
  if (printableAscii.test(clean)) return { text: clean, transliterated: false, lost: [] };
  let out = '';
  let transliterated = false;
  const lost: string[] = [];
  for (const { segment } of graphemes.segment(clean)) {
    if (/^\p{Cc}+$/u.test(segment)) {
      out += segment;
      continue;
    }
    const form = printableForm(segment, encoding);
    if (form === null) {
      lost.push(segment);
      out += '?';
    } else {
      if (form !== segment) transliterated = true;
      out += form;
    }
  }
  return { text: out, transliterated, lost };
}
