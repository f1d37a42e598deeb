import { orderTicketKinds } from '@bonrelay/domain';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  defaultTicketLayout,
  isTicketSkipped,
  renderCancellationTicket,
  renderCustomerReceipt,
  renderDriverSlip,
  renderKitchenTicket,
  renderTestTicket,
  renderTicket,
  toEscPos,
  toSvg,
} from '../src/tickets/index.ts';
import { cancelled, delivery, englishLayout, firstPrint, fixtures, pickup } from './fixtures/orders.ts';
import { invertedWords, paper } from './fixtures/read-ticket.ts';

const completionRequest = Buffer.from([0x1d, 0x72, 0x31]);

test('renderTicket dispatches each ticket kind to its template', () => {
  assert.is(
    renderTicket('kitchen', delivery, firstPrint, englishLayout),
    renderKitchenTicket(delivery, firstPrint, englishLayout),
  );
  assert.is(
    renderTicket('customer', delivery, firstPrint, englishLayout),
    renderCustomerReceipt(delivery, firstPrint, englishLayout),
  );
  assert.is(
    renderTicket('driver', delivery, firstPrint, englishLayout),
    renderDriverSlip(delivery, firstPrint, englishLayout),
  );
  assert.equal(renderTicket('driver', pickup, firstPrint, englishLayout), { skipped: 'not-a-delivery' });
  assert.is(
    renderTicket('cancellation', cancelled, firstPrint, englishLayout),
    renderCancellationTicket(cancelled, firstPrint, englishLayout),
  );
  assert.is(
    renderTicket('test', pickup, { ...firstPrint, printerName: 'Pass' }, englishLayout),
    renderTestTicket('Pass', firstPrint, englishLayout),
  );
  assert.is(
    renderTicket('test', pickup, firstPrint, englishLayout),
    renderTestTicket('Zur Goldenen Gabel', firstPrint, englishLayout),
  );
});

test('for every fixture and order ticket, the ESC/POS bytes end with the GS r 1 completion request', () => {
  for (const [name, order] of Object.entries(fixtures)) {
    for (const kind of [...orderTicketKinds, 'cancellation' as const]) {
      const doc = renderTicket(kind, order, firstPrint, englishLayout);
      if (isTicketSkipped(doc)) continue;
      const bytes = toEscPos(doc, englishLayout);
      assert.ok(bytes.length > 200, `${kind} ${name} is empty`);
      assert.equal(bytes.subarray(-3), completionRequest, `${kind} ${name}`);
      assert.equal(bytes.subarray(0, 2), Buffer.from([0x1b, 0x40]), 'starts with ESC @');
    }
  }
});

test('given a cancelled order, then CANCELLED is inverted above and below the number and dishes', () => {
  const doc = renderCancellationTicket(cancelled, firstPrint, englishLayout);
  assert.equal(invertedWords(doc), ['CANCELLED', 'CANCELLED']);
  assert.match(
    paper(doc, englishLayout),
    /C A N C E L L E D[\s\S]*# {2}1 {2}2 +Order 10238[\s\S]*1 x {2}Wiener Schnitzel\n2 x {2}Apfelschorle[\s\S]*C A N C E L L E D/,
  );
  assert.not.match(doc, /\d[.,]\d{2}(?!\d)/);
});

test('given a test ticket, then it names the printer and shows a ruler exactly one line wide', () => {
  const layout = { ...defaultTicketLayout, cpl: 42 };
  const text = paper(renderTestTicket('Kitchen | left', { ...firstPrint, reprint: true }, layout), layout);
  assert.match(text, /Kitchen \| left/);
  assert.match(text, /\n123456789012345678901234567890123456789012\n/);
  assert.match(text, /Käsespätzle\n\s+Pho bò\n\s+\?\?\n\s+Crème brûlée/);
  assert.match(text, /\? = character this printer cannot print/);
});

test('given a ticket, when previewed, then the SVG shows its text', () => {
  const svg = toSvg(renderKitchenTicket(pickup, firstPrint, englishLayout), englishLayout);
  assert.match(svg, /^<svg/);
  assert.match(svg, />S<\/tspan><tspan[^>]*>c<\/tspan><tspan[^>]*>h<\/tspan>/);
});

test.run();
