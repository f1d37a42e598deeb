import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { escapeReceiptText, formatAmount, renderKitchenTicket } from '../src/tickets/index.ts';
import {
  allergyNote,
  delivery,
  englishLayout,
  firstPrint,
  fixtures,
  germanLayout,
  pickup,
  withOptions,
} from './fixtures/orders.ts';
import { invertedWords, paper } from './fixtures/read-ticket.ts';

const moneyPattern = /\d[.,]\d{2}(?!\d)|EUR|€/;

for (const layout of [englishLayout, germanLayout]) {
  test(`${layout.locale}: for every fixture the kitchen ticket shows no amount of money`, () => {
    for (const [name, order] of Object.entries(fixtures)) {
      // Dish names may hold numbers ("Cola 0,33 l"); what they print is checked elsewhere.
      const doc = order.lineItems.reduce(
        (rest, item) => rest.replaceAll(escapeReceiptText(item.name), ''),
        renderKitchenTicket(order, firstPrint, layout),
      );
      for (const text of [doc, paper(doc, layout)]) {
        assert.not.match(text, moneyPattern, name);
        for (const item of order.lineItems) {
          assert.not.ok(
            text.includes(formatAmount(item.linePrice, order.currency, layout)),
            `${name}: ${item.name}`,
          );
        }
      }
    }
  });

  test(`${layout.locale}: for every fixture the daily number is 4x, the kind and time 3x, quantities 3x`, () => {
    for (const [name, order] of Object.entries(fixtures)) {
      const doc = renderKitchenTicket(order, firstPrint, layout);
      assert.ok(doc.includes('|^^^^#12 |'), name);
      assert.match(doc, /\|\^\^\^[^|]+ \| \^\^\^?[^|]+\|/, name);
      for (const item of order.lineItems) assert.ok(doc.includes(`|^^^${item.quantity}x |`), name);
    }
  });
}

test('given a pickup order in German, then the kitchen reads KÜCHE, ABHOLUNG and SOFORT', () => {
  const doc = renderKitchenTicket(pickup, firstPrint, germanLayout);
  assert.ok(doc.startsWith('KÜCHE\n'));
  assert.ok(doc.includes('|^^^^#12 | Bestellung 10234|'));
  assert.ok(doc.includes('|^^^ABHOLUNG | ^^^SOFORT|'));
});

test('given a pickup order, then the daily number is 3x, the kind and wanted time 2x', () => {
  const doc = renderKitchenTicket(pickup, firstPrint, englishLayout);
  assert.ok(doc.includes('|^^^^#12 | Order 10234|'));
  assert.ok(doc.includes('|^^^PICKUP | ^^^ASAP|'));
  assert.match(paper(doc, englishLayout), /1 x {2}Wiener Schnitzel/);
});

test('given a delivery slot, then it is shown in the restaurant time zone', () => {
  const text = paper(renderKitchenTicket(delivery, firstPrint, englishLayout), englishLayout);
  assert.match(text, /D E L I V E R Y +2 0 : 0 0 - 2 0 : 1 5/);
});

test('given a wanted time on another day, then the day is printed with the time', () => {
  const tomorrow = {
    ...pickup,
    fulfilment: { kind: 'pickup' as const, wanted: { kind: 'at' as const, at: '2024-05-18T10:00:00Z' } },
  };
  assert.match(
    paper(renderKitchenTicket(tomorrow, firstPrint, germanLayout), germanLayout),
    /A B H O L U N G +Sa\., 18\.05\. 12:00\n/,
  );
});

test('given a garbled wanted time from Wix, then it prints as sent instead of crashing', () => {
  const garbled = {
    ...pickup,
    fulfilment: { kind: 'unknown' as const, wanted: { kind: 'at' as const, at: 'soon' } },
  };
  const text = paper(renderKitchenTicket(garbled, firstPrint, englishLayout), englishLayout);
  assert.match(text, /s o o n/);
  assert.match(text, /F U L F I L M E N T/);
});

test('given options, then each is indented under its dish and markup in them prints literally', () => {
  const text = paper(renderKitchenTicket(withOptions, firstPrint, englishLayout), englishLayout);
  assert.match(
    text,
    /2 x {2}Burger\n {5}- Size: large\n {5}- Cooked: medium-rare\n {5}- no onions\n1 x {2}Fries\n {5}- Dip: Mayo \| Ketchup/,
  );
});

test('given an allergy note, then the note is printed and the urgent words are inverted', () => {
  const doc = renderKitchenTicket(allergyNote, firstPrint, englishLayout);
  assert.equal(invertedWords(doc), ['ATTENTION: SEE NOTE', 'ALLERGY', 'nuts', 'peanuts']);
  assert.match(
    paper(doc, englishLayout),
    /Severe ALLERGY to nuts and peanuts! Please use a\n\s+clean pan\. \^_\^ \{thanks\}/,
  );
});

test('given no urgent word anywhere, then nothing is inverted', () => {
  assert.equal(invertedWords(renderKitchenTicket(pickup, firstPrint, englishLayout)), []);
});

test('given an urgent word only in an option, then the attention banner still shows', () => {
  const order = {
    ...pickup,
    lineItems: [{ ...pickup.lineItems[0]!, options: [{ name: 'Gluten-free bun' }] }],
  };
  assert.equal(invertedWords(renderKitchenTicket(order, firstPrint, englishLayout)), [
    'ATTENTION: SEE NOTE',
    'Gluten',
  ]);
});

test('given a reprint, then REPRINT is printed inverted at the top', () => {
  const doc = renderKitchenTicket(pickup, { ...firstPrint, reprint: true }, englishLayout);
  assert.ok(doc.startsWith('`^^ REPRINT `\n'));
});

test('given crash recovery, then POSSIBLE DUPLICATE is printed inverted with a hint', () => {
  const doc = renderKitchenTicket(pickup, { ...firstPrint, possibleDuplicate: true }, englishLayout);
  assert.ok(doc.startsWith('`^^ POSSIBLE DUPLICATE `\nThis ticket may have printed before. Check!\n'));
  assert.not.ok(doc.includes('REPRINT'));
});

test('given a local order without a Wix number and guest name, then the ticket still renders', () => {
  const local = { ...pickup, number: undefined, customer: {} };
  const doc = renderKitchenTicket(local, firstPrint, {
    ...englishLayout,
    texts: { ...englishLayout.texts, kitchenTitle: undefined },
  });
  assert.ok(doc.startsWith('|^^^^#12 | ~|\n|^^^PICKUP | ^^^ASAP|\n-\n'));
});

test.run();
