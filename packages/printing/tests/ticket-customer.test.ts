import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderCustomerReceipt } from '../src/tickets/index.ts';
import {
  delivery,
  englishLayout,
  firstPrint,
  germanLayout,
  pickup,
  unpaidCashDelivery,
  withOptions,
} from './fixtures/orders.ts';
import { paper, qrCodesIn } from './fixtures/read-ticket.ts';

test('given a restaurant header, then name, address, phone and VAT id head the receipt', () => {
  const text = paper(renderCustomerReceipt(pickup, firstPrint, englishLayout), englishLayout);
  assert.match(
    text,
    /Z u r {3}G o l d e n e n {3}G a b e l[^\n]*\n\s+Kastanienallee 12, 10435 Berlin\n\s+Tel\. 030 1234567\n\s+VAT ID DE123456789/,
  );
});

test('given an order, then the date in the restaurant zone, the ticket and Wix numbers are printed', () => {
  const text = paper(renderCustomerReceipt(pickup, firstPrint, englishLayout), englishLayout);
  assert.match(text, /#12 +Order 10234\n17\/05\/2024 19:32 +Pickup ASAP/);
  const german = paper(renderCustomerReceipt(pickup, firstPrint, germanLayout), germanLayout);
  assert.match(german, /#12 +Bestellung 10234\n17\.05\.2024 19:32 +Abholung SOFORT/);
});

test('given dishes with options, then each line shows quantity, unit and line price, options below', () => {
  const text = paper(renderCustomerReceipt(withOptions, firstPrint, englishLayout), englishLayout);
  assert.match(text, /2x Burger +12\.90 25\.80\n {3}- Size: large/);
  assert.match(text, /1x Fries +4\.50 {2}4\.50\n {3}- Dip: Mayo \| Ketchup/);
});

test('given a discounted delivery, then subtotal, discount, delivery fee, tax and total are listed', () => {
  const text = paper(renderCustomerReceipt(delivery, firstPrint, englishLayout), englishLayout);
  assert.match(
    text,
    /Subtotal +29\.50\nDiscount +-3\.00\nDelivery fee +3\.50\nTax +5\.27\n-+\nTOTAL +€30\.00\nPayment +PAID/,
  );
  assert.match(
    paper(renderCustomerReceipt(delivery, firstPrint, germanLayout), germanLayout),
    /Zwischensumme +29,50\nRabatt +-3,00\nLiefergebühr +3,50\nMwSt\. +5,27\n-+\nSUMME +30,00 €\nZahlung +BEZAHLT/,
  );
});

test('given a pickup without discount, then no zero discount or delivery fee lines are printed', () => {
  const text = paper(renderCustomerReceipt(pickup, firstPrint, englishLayout), englishLayout);
  assert.not.match(text, /Discount|Delivery fee/);
});

test('given an unpaid delivery, then cash on delivery is printed in bold', () => {
  const doc = renderCustomerReceipt(unpaidCashDelivery, firstPrint, englishLayout);
  assert.ok(doc.includes('|Payment | "cash on delivery"|'));
  const german = renderCustomerReceipt(unpaidCashDelivery, firstPrint, germanLayout);
  assert.ok(german.includes('|Zahlung | "Barzahlung bei Lieferung"|'));
});

test('given an unpaid pickup, then NOT PAID is printed in bold', () => {
  const doc = renderCustomerReceipt({ ...pickup, paymentStatus: 'NOT_PAID' }, firstPrint, englishLayout);
  assert.ok(doc.includes('|Payment | "NOT PAID"|'));
});

test('given a layout QR url, then the receipt ends with its QR code and the thank-you', () => {
  const doc = renderCustomerReceipt(pickup, firstPrint, englishLayout);
  assert.equal(qrCodesIn(doc), ['https://example.com/review?o=1']);
  assert.match(paper(doc, englishLayout), /Thank you and enjoy your meal!/);
  assert.equal(
    qrCodesIn(renderCustomerReceipt(pickup, firstPrint, { ...englishLayout, customerQrUrl: undefined })),
    [],
  );
});

test('given a minimal restaurant and an order without number, then the receipt still renders', () => {
  const layout = { ...englishLayout, restaurant: { name: 'Imbiss' } };
  const text = paper(renderCustomerReceipt({ ...pickup, number: undefined }, firstPrint, layout), layout);
  assert.match(text, /I m b i s s/);
  assert.not.match(text, /VAT|Tel\.|Order/);
});

test('given a reprint, then the receipt says REPRINT', () => {
  assert.ok(
    renderCustomerReceipt(pickup, { ...firstPrint, reprint: true }, englishLayout).startsWith(
      '`^^ REPRINT `',
    ),
  );
});

test.run();
