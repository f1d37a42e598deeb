import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isTicketSkipped, mapsLink, renderDriverSlip } from '../src/tickets/index.ts';
import {
  bigOrder,
  delivery,
  englishLayout,
  firstPrint,
  pickup,
  unpaidCashDelivery,
} from './fixtures/orders.ts';
import { invertedWords, paper, qrCodesIn } from './fixtures/read-ticket.ts';

function slip(...args: Parameters<typeof renderDriverSlip>): string {
  const result = renderDriverSlip(...args);
  if (isTicketSkipped(result)) throw new Error('expected a driver slip');
  return result;
}

test('given a pickup order, then no driver slip is rendered and the reason is typed', () => {
  const result = renderDriverSlip(pickup, firstPrint, englishLayout);
  assert.equal(result, { skipped: 'not-a-delivery' });
  assert.ok(isTicketSkipped(result));
});

test('given a delivery, then the street is 2x, the town double height, then name and phone', () => {
  const doc = slip(delivery, firstPrint, englishLayout);
  assert.ok(
    doc.includes('^^^Schönhauser Allee 80\n^^10439 Berlin\n^^DE\n^^Anna Schmidt\n^^Tel. +49 170 1234567\n'),
  );
  assert.match(paper(doc, englishLayout), /Instructions:\n\s+Hinterhaus, 3\. OG, bitte zweimal klingeln/);
});

test('given a delivery slot, then the time is shown in the restaurant zone', () => {
  assert.match(paper(slip(delivery, firstPrint, englishLayout), englishLayout), /2 0 : 0 0 - 2 0 : 1 5/);
});

test('given a paid delivery, then PAID is printed and no amount to collect', () => {
  const text = paper(slip(delivery, firstPrint, englishLayout), englishLayout);
  assert.match(text, /P A I D/);
  assert.not.match(text, /COLLECT|EUR/);
});

test('given an unpaid cash delivery, then AMOUNT TO COLLECT is inverted and the total is 2x', () => {
  const doc = slip(unpaidCashDelivery, firstPrint, englishLayout);
  assert.equal(invertedWords(doc), ['AMOUNT TO COLLECT']);
  assert.match(paper(doc, englishLayout), /€ 2 8 \. 1 0/);
  assert.match(paper(doc, englishLayout), /Payment: cash on delivery/);
  assert.match(paper(doc, englishLayout), /Items +4\n/);
});

test('given a partly paid delivery, then the amount is collected and the status named', () => {
  const text = paper(slip(bigOrder, firstPrint, englishLayout), englishLayout);
  assert.match(text, /AMOUNT TO COLLECT[\s\S]*Payment: PARTLY PAID/);
  assert.match(text, /Items +154\n/);
});

test('given an address, then the QR code holds the maps link with the encoded address', () => {
  const doc = slip(unpaidCashDelivery, firstPrint, englishLayout);
  assert.equal(qrCodesIn(doc), [mapsLink('Torstraße 1 | Seitenflügel, 10119 Berlin')]);
  assert.is(
    mapsLink('Torstraße 1 | Seitenflügel, 10119 Berlin'),
    'https://maps.google.com/?q=Torstra%C3%9Fe%201%20%7C%20Seitenfl%C3%BCgel%2C%2010119%20Berlin',
  );
});

test('given a delivery without address, then the slip says to call the guest and has no QR code', () => {
  const order = { ...delivery, fulfilment: { ...delivery.fulfilment, address: undefined } };
  const doc = slip(order, firstPrint, englishLayout);
  assert.equal(invertedWords(doc), ['NO ADDRESS - CALL THE GUEST']);
  assert.equal(qrCodesIn(doc), []);
});

test('given a possible duplicate, then the slip carries the mark', () => {
  assert.ok(
    slip(delivery, { ...firstPrint, possibleDuplicate: true }, englishLayout).startsWith(
      '`^^ POSSIBLE DUPLICATE `',
    ),
  );
});

test.run();
