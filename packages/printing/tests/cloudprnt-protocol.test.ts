import { inflateSync } from 'node:zlib';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  canDrawTicketText,
  cloudprntMediaTypes,
  decodeCloudprntStatus,
  dotWidthForPaper,
  PrinterUrlError,
  parsePrinterTarget,
  readConfirmation,
  renderCloudprntJob,
} from '../src/index.ts';

const ticket = '^^^Kitchen\nPizza Margherita | 2\n"Straße 12\n---\n=';
const paper = { cpl: 48, encoding: 'multilingual' } as const;

test('cloudprnt://<MAC> names a printer by its MAC, in any spelling; anything else is refused with the reason', () => {
  assert.equal(parsePrinterTarget('cloudprnt://00:11:62:AA:BB:CC'), {
    kind: 'cloudprnt',
    mac: '00:11:62:aa:bb:cc',
  });
  assert.equal(parsePrinterTarget('cloudprnt://00-11-62-aa-bb-cc'), {
    kind: 'cloudprnt',
    mac: '00:11:62:aa:bb:cc',
  });
  assert.equal(parsePrinterTarget('tcp://10.0.0.5:9100'), {
    kind: 'direct',
    address: { kind: 'tcp', host: '10.0.0.5', port: 9100 },
  });
  for (const url of [
    'cloudprnt://kitchen',
    'cloudprnt://00:11:62:aa:bb',
    'cloudprnt://00:11-62:aa:bb:cc',
    'cloudprnt:00:11:62:aa:bb:cc',
  ]) {
    assert.throws(
      () => parsePrinterTarget(url),
      (error: unknown) => error instanceof PrinterUrlError,
      url,
    );
  }
});

test('a poll status code is decoded to the printer status, code and words kept', () => {
  assert.equal(decodeCloudprntStatus('200%20OK'), { code: '200', text: 'OK', status: 'online' });
  assert.equal(decodeCloudprntStatus('211 Paper Near End'), {
    code: '211',
    text: 'Paper Near End',
    status: 'paper-near-end',
  });
  assert.is(decodeCloudprntStatus('410%20Paper%20Out').status, 'paper-end');
  assert.is(decodeCloudprntStatus('411 Paper Empty').status, 'paper-end');
  assert.is(decodeCloudprntStatus('420+Cover+Open').status, 'cover-open');
  assert.is(decodeCloudprntStatus('430 Mechanical Error').status, 'error');
  assert.equal(decodeCloudprntStatus('%E0'), { code: '', text: '%E0', status: 'error' });
});

test('a confirmation code says printed (2xx), network trouble (520: burns nothing), or a failure that counts', () => {
  assert.equal(readConfirmation('200 OK'), { printed: true });
  assert.equal(readConfirmation('201'), { printed: true });
  assert.equal(readConfirmation('520%20Download%20timeout'), {
    printed: false,
    failure: 'unreachable',
    reachedPrinter: false,
    detail: 'CloudPRNT 520 Download timeout: download failed',
  });
  assert.equal(readConfirmation('510'), {
    printed: false,
    failure: 'error',
    reachedPrinter: true,
    detail: 'CloudPRNT 510: media type not usable',
  });
  assert.is((readConfirmation('420 Cover Open') as { failure: string }).failure, 'cover-open');
  assert.is((readConfirmation('599 Odd') as { failure: string }).failure, 'error');
});

/** Share of dark pixels in a PNG resvg wrote (8-bit RGBA, no interlace), to tell a ticket from a blank. */
function darkShare(png: Buffer): number {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const chunks: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') chunks.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(chunks));
  const stride = width * 4;
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] as number;
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    const up = rows[y - 1] ?? Buffer.alloc(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= 4 ? (line[i - 4] as number) : 0;
      const b = up[i] as number;
      const c = i >= 4 ? (up[i - 4] as number) : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter] as number;
      line[i] = ((line[i] as number) + predictor) & 0xff;
    }
    rows.push(line);
  }
  let dark = 0;
  for (const line of rows) for (let x = 0; x < width; x++) if ((line[x * 4] as number) < 128) dark++;
  return dark / (width * height);
}

test('a ticket as PNG is exactly the dot width, on white, its text drawn', () => {
  assert.ok(canDrawTicketText(), 'this machine has a font for ticket text');
  assert.is(dotWidthForPaper(48), 576);
  assert.is(dotWidthForPaper(32), 384);
  // Text only: a ticket drawn without fonts would still show its rules and cut line.
  const wide = renderCloudprntJob('^^^Kitchen\nPizza Margherita | 2', paper, 'image/png', 576);
  assert.is(wide.toString('latin1', 1, 4), 'PNG');
  assert.is(wide.readUInt32BE(16), 576);
  const share = darkShare(wide);
  assert.ok(share > 0.01 && share < 0.5, `ink on ${Math.round(share * 100)} % of the ticket`);
  assert.is(
    renderCloudprntJob(ticket, { cpl: 32, encoding: 'multilingual' }, 'image/png', 384).readUInt32BE(16),
    384,
  );
});

test('the Star formats and plain text carry the ticket text; PNG is offered first', () => {
  assert.is(cloudprntMediaTypes[0], 'image/png');
  for (const type of ['application/vnd.star.starprnt', 'application/vnd.star.line'] as const) {
    const bytes = renderCloudprntJob(ticket, paper, type, 576);
    assert.is(bytes[0], 0x1b, `${type} starts with a command`);
    assert.ok(bytes.toString('latin1').includes('Pizza Margherita'), type);
  }
  assert.match(renderCloudprntJob(ticket, paper, 'text/plain', 576).toString('utf8'), /Pizza Margherita +2/);
});

test.run();
