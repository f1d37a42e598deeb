import { parseCommand } from './escpos-commands.ts';
import { decodeQrBitmap } from './qr-decode.ts';

/** Code page 437 (ESC t 0), the printer's power-on table, for bytes 0x80–0xFF. */
const cp437 =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■ ';

/** Printers are 576 dots wide at 48 characters per line: one character cell is 12 dots. */
const dotsPerChar = 12;
const cutLine = `✂${'-'.repeat(47)}`;

/** Decodes one byte of text the way the printer would draw it with the selected code table. */
function glyph(byte: number, page: number): string {
  if (byte < 0x80) return String.fromCharCode(byte);
  if (page === 16) return Buffer.from([byte]).toString('latin1');
  if (page === 1) {
    // receiptline draws rules with the katakana page's line-drawing characters.
    if (byte === 0x95) return '-';
    if (byte === 0x96) return '|';
    return byte >= 0x8f && byte <= 0x9f ? '+' : '?';
  }
  if (page === 0) return cp437[byte - 0x80] ?? '?';
  return '?';
}

/**
 * Renders what a printer would put on paper as plain text, so a test (or a person with no
 * printer) can read a ticket: positions become columns, enlarged text is wrapped in `**`, a cut
 * is a line of `✂---`, a QR code is `[QR: its content]`, other pictures `[IMAGE w×h]`.
 */
export function renderPlainText(bytes: Buffer): string {
  const lines: string[] = [];
  let line: string[] = [];
  let column = 0;
  let margin = 0;
  let page = 0;
  let width = 1;
  let height = 1;
  let raster: { width: number; height: number; bits: Buffer } | undefined;
  let qr: Buffer | undefined;
  const put = (text: string) => {
    while (line.length < column) line.push(' ');
    for (const ch of text) line[column++] = ch;
  };
  const newLine = () => {
    lines.push(line.join('').trimEnd());
    line = [];
    column = margin;
  };
  const block = (text: string) => {
    if (line.length > 0) newLine();
    lines.push(text);
  };
  let at = 0;
  while (at < bytes.length) {
    const parsed = parseCommand(bytes, at);
    if (!parsed) break;
    at += parsed.length;
    const command = parsed.command;
    switch (command.kind) {
      case 'text': {
        const text = [...command.bytes].map((byte) => glyph(byte, page)).join('');
        put(width > 1 || height > 1 ? `**${text}**` : text);
        break;
      }
      case 'line-feed':
        newLine();
        break;
      case 'feed-lines':
        newLine();
        for (let i = 1; i < command.lines; i++) lines.push('');
        break;
      case 'initialize':
        page = 0;
        width = 1;
        height = 1;
        margin = 0;
        break;
      case 'character-size':
        width = command.width;
        height = command.height;
        break;
      case 'code-table':
        page = command.page;
        break;
      case 'left-margin':
        margin = Math.round(command.dots / dotsPerChar);
        break;
      case 'absolute-position':
        column = margin + Math.round(command.dots / dotsPerChar);
        break;
      case 'relative-position':
        column = Math.max(0, column + Math.round(command.dots / dotsPerChar));
        break;
      case 'cut':
        block(cutLine);
        break;
      case 'raster-store':
        raster = command;
        break;
      case 'raster-print':
        if (raster) {
          const content = decodeQrBitmap(raster.width, raster.height, raster.bits);
          block(content === undefined ? `[IMAGE ${raster.width}x${raster.height}]` : `[QR: ${content}]`);
        }
        break;
      case 'qr-store':
        qr = command.data;
        break;
      case 'qr-print':
        if (qr) block(`[QR: ${qr.toString('latin1')}]`);
        break;
      case 'barcode':
        block(`[BARCODE: ${command.data.toString('latin1')}]`);
        break;
    }
  }
  if (line.length > 0) newLine();
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
