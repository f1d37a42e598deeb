import assert from 'node:assert/strict';
import { test } from 'uvu';
import { defaultPriorityRules, foldText, mentionsUrgentWord, priorityOf } from '../src/index.ts';
import { anOrder } from './saga-support/fixtures.ts';

const rules = defaultPriorityRules;
const withOption = (name: string, value?: string) =>
  anOrder({
    lineItems: [{ name: 'Curry', quantity: 1, unitPrice: 900, linePrice: 900, options: [{ name, value }] }],
  });

test('an allergy in the note makes the order critical', () => {
  assert.equal(priorityOf(anOrder({ note: 'Please: ALLERGY to sesame' }), rules), 'critical');
});

test('German compounds and umlauts are caught', () => {
  assert.equal(priorityOf(anOrder({ note: 'Kind hat Nussallergie!' }), rules), 'critical');
  assert.equal(priorityOf(anOrder({ note: 'keine Haselnüsse bitte' }), rules), 'critical');
  assert.equal(priorityOf(anOrder({ note: 'Zöliakie' }), rules), 'critical');
  assert.equal(foldText('Straße Nüsse'), 'strasse nusse');
});

test('an urgent word in an option name or value makes the order critical', () => {
  assert.equal(priorityOf(withOption('Allergies', 'peanuts'), rules), 'critical');
  assert.equal(priorityOf(withOption('Ohne Gluten'), rules), 'critical');
});

test("delivery instructions count as the guest's words", () => {
  const order = anOrder({
    fulfilment: { kind: 'delivery', wanted: { kind: 'asap' }, instructions: 'dringend, Baby schläft' },
  });
  assert.equal(priorityOf(order, rules), 'critical');
});

test('words that merely contain an urgent word do not', () => {
  assert.equal(priorityOf(anOrder({ note: 'Abholung in 20 Minuten, in 5 minutes' }), rules), 'normal');
});

test('dish names alone are the menu, not a request', () => {
  const order = anOrder({
    lineItems: [{ name: 'Peanut Satay', quantity: 1, unitPrice: 900, linePrice: 900, options: [] }],
  });
  assert.equal(priorityOf(order, rules), 'normal');
});

test('a total above the threshold makes the order high', () => {
  const total = (minor: number) =>
    anOrder({ totals: { subtotal: minor, shipping: 0, tax: 0, discount: 0, total: minor } });
  assert.equal(priorityOf(total(10_001), rules), 'high');
  assert.equal(priorityOf(total(10_000), rules), 'normal', 'exactly €100 is not above it');
});

test('urgency beats size', () => {
  const order = anOrder({
    note: 'asap',
    totals: { subtotal: 50_000, shipping: 0, tax: 0, discount: 0, total: 50_000 },
  });
  assert.equal(priorityOf(order, rules), 'critical');
});

test("the restaurant's own words replace the defaults; blank words never match", () => {
  const own = { urgentWords: ['Sellerie', '  '], highTotalMinor: 5_000 };
  assert.equal(mentionsUrgentWord('ohne SELLERIE', own), true);
  assert.equal(mentionsUrgentWord('Nussallergie', own), false);
  assert.equal(mentionsUrgentWord('anything', own), false);
});

test.run();
