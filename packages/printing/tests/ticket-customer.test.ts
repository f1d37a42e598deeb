import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderCustomerReceipt } from '../src/tickets/index.ts';
import {
  berlinLayout,
  delivery,
  firstPrint,
  pickup,
  unpaidCashDelivery,
  withOptions,
} from './fixtures/orders.ts';
import { paper, qrCodesIn } from './fixtures/read-ticket.ts';

test('given a restaurant header, then name, address, phone and VAT id head the receipt', () => {
  const text = paper(renderCustomerReceipt(pickup, firstPrint, berlinLayout), berlinLayout);
  assert.match(
    text,
    /Z u r {3}G o l d e n e n {3}G a b e l[^\n]*\n\s+Kastanienallee 12, 10435 Berlin\n\s+Tel\. 030 1234567\n\s+VAT ID DE123456789/,
  );
});

test('given an order, then the date in the restaurant zone, the ticket and Wix numbers are printed', () => {
  const text = paper(renderCustomerReceipt(pickup, firstPrint, berlinLayout), berlinLayout);
  assert.match(text, /#12 +Order 10234\n17\.05\.2024 19:32 +PICKUP ASAP/);
});

test('given dishes with options, then each line shows quantity, unit and line price, options below', () => {
  const text = paper(renderCustomerReceipt(withOptions, firstPrint, berlinLayout), berlinLayout);
  assert.match(text, /2x Burger +12\.90 25\.80\n {3}- Size: large/);
  assert.match(text, /1x Fries +4\.50 {2}4\.50\n {3}- Dip: Mayo \| Ketchup/);
});

test('given a discounted delivery, then subtotal, discount, delivery fee, tax and total are listed', () => {
  const text = paper(renderCustomerReceipt(delivery, firstPrint, berlinLayout), berlinLayout);
  assert.match(
    text,
    /Subtotal +29\.50\nDiscount +-3\.00\nDelivery fee +3\.50\nTax +5\.27\n-+\nTOTAL +EUR 30\.00\nPayment +PAID/,
  );
});

test('given a pickup without discount, then no zero discount or delivery fee lines are printed', () => {
  const text = paper(renderCustomerReceipt(pickup, firstPrint, berlinLayout), berlinLayout);
  assert.not.match(text, /Discount|Delivery fee/);
});

test('given an unpaid order, then NOT PAID is printed in bold', () => {
  const doc = renderCustomerReceipt(unpaidCashDelivery, firstPrint, berlinLayout);
  assert.ok(doc.includes('|Payment | "NOT PAID"|'));
});

test('given a layout QR url, then the receipt ends with its QR code and the thank-you', () => {
  const doc = renderCustomerReceipt(pickup, firstPrint, berlinLayout);
  assert.equal(qrCodesIn(doc), ['https://example.com/review?o=1']);
  assert.match(paper(doc, berlinLayout), /Thank you!/);
  assert.equal(
    qrCodesIn(renderCustomerReceipt(pickup, firstPrint, { ...berlinLayout, customerQrUrl: undefined })),
    [],
  );
});

test('given a minimal restaurant and an order without number, then the receipt still renders', () => {
  const layout = { ...berlinLayout, restaurant: { name: 'Imbiss' } };
  const text = paper(renderCustomerReceipt({ ...pickup, number: undefined }, firstPrint, layout), layout);
  assert.match(text, /I m b i s s/);
  assert.not.match(text, /VAT|Tel\.|Order/);
});

test('given a reprint, then the receipt says REPRINT', () => {
  assert.ok(
    renderCustomerReceipt(pickup, { ...firstPrint, reprint: true }, berlinLayout).startsWith('`^^ REPRINT `'),
  );
});

test.run();
