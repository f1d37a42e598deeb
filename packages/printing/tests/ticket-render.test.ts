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
import { berlinLayout, cancelled, delivery, firstPrint, fixtures, pickup } from './fixtures/orders.ts';
import { invertedWords, paper } from './fixtures/read-ticket.ts';

const completionRequest = Buffer.from([0x1d, 0x72, 0x31]);

test('renderTicket dispatches each ticket kind to its template', () => {
  assert.is(
    renderTicket('kitchen', delivery, firstPrint, berlinLayout),
    renderKitchenTicket(delivery, firstPrint, berlinLayout),
  );
  assert.is(
    renderTicket('customer', delivery, firstPrint, berlinLayout),
    renderCustomerReceipt(delivery, firstPrint, berlinLayout),
  );
  assert.is(
    renderTicket('driver', delivery, firstPrint, berlinLayout),
    renderDriverSlip(delivery, firstPrint, berlinLayout),
  );
  assert.equal(renderTicket('driver', pickup, firstPrint, berlinLayout), { skipped: 'not-a-delivery' });
  assert.is(
    renderTicket('cancellation', cancelled, firstPrint, berlinLayout),
    renderCancellationTicket(cancelled, firstPrint, berlinLayout),
  );
  assert.is(
    renderTicket('test', pickup, { ...firstPrint, printerName: 'Pass' }, berlinLayout),
    renderTestTicket('Pass', firstPrint, berlinLayout),
  );
  assert.is(
    renderTicket('test', pickup, firstPrint, berlinLayout),
    renderTestTicket('Zur Goldenen Gabel', firstPrint, berlinLayout),
  );
});

test('for every fixture and order ticket, the ESC/POS bytes end with the GS r 1 completion request', () => {
  for (const [name, order] of Object.entries(fixtures)) {
    for (const kind of [...orderTicketKinds, 'cancellation' as const]) {
      const doc = renderTicket(kind, order, firstPrint, berlinLayout);
      if (isTicketSkipped(doc)) continue;
      const bytes = toEscPos(doc, berlinLayout);
      assert.ok(bytes.length > 200, `${kind} ${name} is empty`);
      assert.equal(bytes.subarray(-3), completionRequest, `${kind} ${name}`);
      assert.equal(bytes.subarray(0, 2), Buffer.from([0x1b, 0x40]), 'starts with ESC @');
    }
  }
});

test('given a cancelled order, then CANCELLED is inverted above and below the number and dishes', () => {
  const doc = renderCancellationTicket(cancelled, firstPrint, berlinLayout);
  assert.equal(invertedWords(doc), ['CANCELLED', 'CANCELLED']);
  assert.match(
    paper(doc, berlinLayout),
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
  const svg = toSvg(renderKitchenTicket(pickup, firstPrint, berlinLayout), berlinLayout);
  assert.match(svg, /^<svg/);
  assert.match(svg, />S<\/tspan><tspan[^>]*>c<\/tspan><tspan[^>]*>h<\/tspan>/);
});

test.run();
